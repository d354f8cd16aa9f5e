"""Tembolok halaman dasbor per versi data.

Kunci memuat versi data OPD/Pemda (``sakip.audit.versi``), yang naik di transaksi yang sama dengan
setiap perubahan data: permintaan sesudah perubahan membaca versi baru, tidak menemukan kuncinya,
dan menghitung ulang. Tidak ada penghapusan tembolok yang bisa terlupa, dan beberapa proses atau
mesin dengan tembolok masing-masing tetap benar. Yang ditembolok hanya bagian data (tabel,
grafik); bagian yang bergantung pada pengguna (tombol alur, pesan, CSRF) dibuat setiap permintaan.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

UMUR = 6 * 3600  # detik; kunci lama tidak pernah dibaca lagi, umur hanya membatasi memori


def ambil(kunci: str, buat: Callable[[], dict]) -> dict:
    """Nilai tembolok ``kunci`` (dict), atau hasil ``buat()`` yang lalu disimpan."""
    nilai = cache.get(kunci)
    if nilai is None:
        nilai = buat()
        cache.set(kunci, nilai, UMUR)
    return nilai


def html(nilai: dict, bagian: str = "html") -> SafeString:
    return mark_safe(nilai[bagian])  # dibuat templat sakip sendiri, sudah di-escape
