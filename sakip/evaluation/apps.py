"""Konfigurasi app evaluasi AKIP (LKE, LHE, tindak lanjut rekomendasi)."""

from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "sakip.evaluation"
    label = "evaluation"
    verbose_name = "Evaluasi AKIP (LKE, LHE, tindak lanjut)"
