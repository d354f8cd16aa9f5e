"""Urutan model untuk cadangan/pemulihan (induk sebelum anak)."""

from django.apps import apps

SKIP = {"contenttypes", "sessions", "admin", "axes"}


def MODELS_URUT():  # noqa: N802
    """Semua model data sakip dan akun, diurutkan agar kunci asing terpenuhi saat dimuat ulang."""
    from django.core.serializers import sort_dependencies

    app_list = [(a, None) for a in apps.get_app_configs() if a.label not in SKIP]
    models = sort_dependencies(app_list, allow_cycles=True)
    return [
        m
        for m in models
        if not m._meta.proxy and m._meta.managed and m._meta.label != "auth.Permission"
    ]
