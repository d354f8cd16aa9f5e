"""Konfigurasi app audit; memasang sinyal pencatat perubahan saat siap."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sakip.audit"
    label = "audit"
    verbose_name = "Jejak audit"

    def ready(self):
        from . import signals  # noqa: F401
        from .versi import hubungkan

        hubungkan()
