"""Konfigurasi app pelaporan (narasi dan status LKjIP)."""

from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "sakip.reporting"
    label = "reporting"
    verbose_name = "Pelaporan (LKjIP, PK, Rencana Aksi, Pengukuran)"
