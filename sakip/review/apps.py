"""Konfigurasi app reviu."""

from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "sakip.review"
    label = "review"
    verbose_name = "Reviu"
