"""Konfigurasi app tugas latar."""

from django.apps import AppConfig


class TugasConfig(AppConfig):
    name = "sakip.tugas"
    label = "tugas"
    verbose_name = "Tugas latar"
