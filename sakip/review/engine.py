"""Mesin reviu: menjalankan aturan (data, di :mod:`sakip.review.rules`) atas satu OPD-tahun.

Setiap :class:`~sakip.review.rules.dasar.Aturan` punya id, kategori, tingkat (kritis / peringatan /
info), judul, templat pesan berbahasa Indonesia dan fungsi pemeriksa. Fungsi pemeriksa membaca
:class:`~sakip.review.rules.dasar.Konteks` (data OPD-tahun dan nilai tercetak laporannya) dan
menghasilkan Temuan yang menyebut apa yang tercetak, apa kata data, dan di mana.

Prinsip: ketepatan sebelum kelengkapan. Angka dibandingkan pada ketelitian yang dicetak;
selisih karena pemotongan atau pembulatan dilaporkan dengan aturan tersendiri yang lebih ringan.
"""

from __future__ import annotations

from collections.abc import Iterable

from sakip.organisations.models import PerangkatDaerah

from .rules.dasar import URUTAN_TINGKAT, Aturan, Konteks, Temuan
from .rules.selaras import KonteksPemda
from .rules.tabel import ATURAN, ATURAN_PEMDA


def jalankan(ctx: Konteks, aturan: Iterable[Aturan] = ATURAN) -> list[Temuan]:
    """Jalankan semua aturan; temuan diurutkan menurut tingkat lalu id aturan."""
    found: list[Temuan] = []
    seen = set()
    for a in aturan:
        for t in a.fungsi(ctx, a):
            key = (t.aturan, t.lokasi, t.objek, t.tercetak)
            if key not in seen:
                seen.add(key)
                found.append(t)
    found.sort(key=lambda t: (URUTAN_TINGKAT[t.tingkat], t.aturan))
    return found


def reviu_opd(opd: PerangkatDaerah, tahun: int) -> list[Temuan]:
    return jalankan(Konteks(opd, tahun))


def reviu_pemda(pemda, tahun: int) -> list[Temuan]:
    """Aturan tingkat Pemda (keselarasan RPJMD) atas satu Pemda-tahun."""
    return jalankan(KonteksPemda(pemda, tahun), ATURAN_PEMDA)
