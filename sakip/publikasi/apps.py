"""Konfigurasi aplikasi publikasi (terbitan untuk portal publik)."""

from django.apps import AppConfig


class PublikasiConfig(AppConfig):
    name = "sakip.publikasi"
    verbose_name = "Publikasi"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import sinyal  # noqa: F401  (terbitkan saat disetujui/final)
