"""Konfigurasi app pertukaran berkas (tanpa model)."""

from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "sakip.interchange"
    label = "interchange"
    verbose_name = "Pertukaran data"
