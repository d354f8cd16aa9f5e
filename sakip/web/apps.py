"""Konfigurasi app halaman web."""

from django.apps import AppConfig


def _alamat(halaman: str, **parameter) -> str:
    from django.urls import reverse

    return reverse(f"web:{halaman}", kwargs=parameter)


class WebConfig(AppConfig):
    name = "sakip.web"
    label = "web"
    verbose_name = "Aplikasi web"

    def ready(self) -> None:
        from sakip import tautan

        # lapisan bawah meminta tautan halaman lewat sakip.tautan, bukan nama URL web
        tautan.daftarkan(_alamat)
