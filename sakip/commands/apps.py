"""Konfigurasi app perintah (tanpa model)."""

from django.apps import AppConfig


class CommandsConfig(AppConfig):
    name = "sakip.commands"
    label = "commands"
    verbose_name = "Perintah"
