"""Konfigurasi app anggaran."""

from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "sakip.budget"
    label = "budget"
    verbose_name = "Anggaran"
