"""Konfigurasi app organisasi."""

from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "sakip.organisations"
    label = "organisations"
    verbose_name = "Organisasi (Pemda dan Perangkat Daerah)"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from . import sesi
        from .middleware import catat_aktif_saat_masuk

        user_logged_in.connect(catat_aktif_saat_masuk, dispatch_uid="sakip_sesi_aktif")
        sesi.hubungkan()
