from django.apps import AppConfig


class MeasurementConfig(AppConfig):
    name = "sakip.measurement"
    label = "measurement"
    verbose_name = "Pengukuran (Realisasi)"
