"""Tugas latar publikasi: membuat PDF terbitan di pekerja (``sakip worker``)."""

from django_tasks import task


@task()
def siapkan(terbitan_id: int) -> bool:
    from .models import Terbitan
    from .services import siapkan_berkas

    t = Terbitan.objects.select_related("opd__pemda", "pemda").filter(pk=terbitan_id).first()
    return bool(t and siapkan_berkas(t))
