"""API JSON sakip (django-ninja). Skema OpenAPI: /api/openapi.json, dokumentasi: /api/docs, panduan: docs/api.md.

``app`` memegang objek API, autentikasi dan bentuk galat; ``skema`` skema masukan/keluaran;
``baca`` titik baca (semua yang ditampilkan halaman, dengan izin yang sama); ``tulis`` titik tulis.
"""

from . import baca, dpa, evaluasi, publik, rencana, tulis  # noqa: F401 — mendaftarkan titik-titiknya
from .app import api

__all__ = ["api"]
