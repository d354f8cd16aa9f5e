"""Terbitkan saat LKjIP/PK Kepala OPD disetujui dan evaluasi AKIP difinalkan (satu transaksi)."""

from django.dispatch import receiver

from sakip.workflow.services import langkah_diambil


@receiver(langkah_diambil, dispatch_uid="sakip.publikasi.langkah_alur")
def _langkah(sender, alur, obj, aksi, user, **kwargs):
    if aksi != "setujui":
        return
    from sakip.evaluation.models import Evaluasi
    from sakip.planning.models import PerjanjianKinerja
    from sakip.reporting.models import PersetujuanLkjip, PersetujuanLkjipPemda

    from . import services

    if isinstance(obj, PersetujuanLkjip):
        services.terbitkan_lkjip(obj, user)
    elif isinstance(obj, PerjanjianKinerja):
        services.terbitkan_pk(obj, user)
    elif isinstance(obj, Evaluasi):
        services.terbitkan_evaluasi(obj, user)
    elif isinstance(obj, PersetujuanLkjipPemda):
        services.terbitkan_lkjip_pemda(user, obj.pemda, obj.tahun)
