"""Konfigurasi app alur persetujuan (tanpa tabel sendiri; templat bagian ``workflow/_alur.html``)."""

from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "sakip.workflow"
    label = "workflow"
    verbose_name = "Alur persetujuan"
