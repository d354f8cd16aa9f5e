"""Konfigurasi app perencanaan."""

from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "sakip.planning"
    label = "planning"
    verbose_name = "Perencanaan (Renstra, PK, Rencana Aksi)"
