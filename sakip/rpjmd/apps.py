"""Konfigurasi app RPJMD."""

from django.apps import AppConfig


class RpjmdConfig(AppConfig):
    name = "sakip.rpjmd"
    label = "rpjmd"
    verbose_name = "RPJMD Pemda"
