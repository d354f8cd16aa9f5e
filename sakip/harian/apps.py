"""Konfigurasi aplikasi kerja harian (tenggat, pemberitahuan, beranda per peran)."""

from django.apps import AppConfig


class HarianConfig(AppConfig):
    name = "sakip.harian"
    verbose_name = "Kerja harian"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import sinyal  # noqa: F401  (pemberitahuan langkah alur)
