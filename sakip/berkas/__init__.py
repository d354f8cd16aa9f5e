"""Berkas dari pengguna dibuka dengan batas: ukuran setelah dibuka, jumlah isi arsip, rasio
pemampatan, waktu dan memori — *sebelum* dan *selama* diurai (docs/keamanan.md).

Tanpa Django: dipakai lapisan mana pun yang membaca unggahan (lembar kerja, laporan tercetak,
bukti dukung, YAML, cadangan)."""

from __future__ import annotations


class BerkasError(ValueError):
    """Berkas ditolak; pesannya satu kalimat bahasa Indonesia untuk pengguna."""


def ribuan(n: float) -> str:
    """Bilangan bulat dengan titik pemisah ribuan (1.164), lewat inti angka sakip."""
    from sakip.core.numbers import format_angka

    return format_angka(n, 0)


def mb(n: int) -> str:
    """Ukuran bita sebagai MB dengan cara Indonesia (1,5 MB; 30 MB)."""
    x = n / 2**20
    if x >= 10 or x == int(x):
        return f"{x:,.0f} MB".replace(",", ".")
    return f"{x:.1f} MB".replace(".", ",")
