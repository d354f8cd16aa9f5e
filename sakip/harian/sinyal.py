"""Pemberitahuan langkah alur: diajukan → pemutus; dikembalikan/disetujui → pengaju dan Operator."""

from django.dispatch import receiver

from sakip.workflow.services import langkah_diambil


@receiver(langkah_diambil, dispatch_uid="sakip.harian.langkah_alur")
def _langkah(sender, alur, obj, aksi, user, **kwargs):
    from .pemberitahuan import pada_langkah_alur

    pada_langkah_alur(alur, obj, aksi, user)
