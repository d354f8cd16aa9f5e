"""Konfigurasi app anggaran."""

from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "sakip.budget"
    label = "budget"
    verbose_name = "Anggaran"

    def ready(self) -> None:
        from sakip.planning.sinyal import pk_jabatan_dibuat

        from .pk import isi_anggaran_pk_jabatan

        pk_jabatan_dibuat.connect(isi_anggaran_pk_jabatan, dispatch_uid="anggaran-pk-jabatan")
