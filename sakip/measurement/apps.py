"""Konfigurasi app pengukuran; memasang sinyal penanda ringkasan capaian kedaluwarsa."""

from django.apps import AppConfig


class MeasurementConfig(AppConfig):
    name = "sakip.measurement"
    label = "measurement"
    verbose_name = "Pengukuran (Realisasi)"

    def ready(self):
        from .ringkasan import hubungkan_sinyal

        hubungkan_sinyal()
