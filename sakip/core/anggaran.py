"""Anggaran: serapan (realisasi ÷ pagu), sisa, dan penjumlahan berjenjang.

Uang selalu Decimal, tidak pernah float. Serapan dalam persen::

    serapan = realisasi anggaran / pagu × 100%     (Permendagri 86/2017, evaluasi Renja)

Pagu nol atau belum diisi → tidak dapat dihitung (bukan 0%).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .capaian import HUNDRED, HasilCapaian
from .numbers import to_decimal


def serapan(pagu: object, realisasi: object) -> HasilCapaian:
    if pagu is None:
        return HasilCapaian.gagal("pagu belum diisi")
    if realisasi is None:
        return HasilCapaian.gagal("realisasi anggaran belum diisi")
    p = to_decimal(pagu)
    r = to_decimal(realisasi)
    if p == 0:
        return HasilCapaian.gagal("pagu bernilai nol")
    return HasilCapaian(r / p * HUNDRED, rumus="realisasi anggaran / pagu × 100%")


@dataclass(frozen=True)
class JumlahAnggaran:
    pagu: Decimal
    realisasi: Decimal

    @property
    def sisa(self) -> Decimal:
        return self.pagu - self.realisasi

    @property
    def serapan(self) -> HasilCapaian:
        return serapan(self.pagu, self.realisasi)

    def __add__(self, other: JumlahAnggaran) -> JumlahAnggaran:
        return JumlahAnggaran(self.pagu + other.pagu, self.realisasi + other.realisasi)


NOL = JumlahAnggaran(Decimal(0), Decimal(0))


def jumlahkan(rows: Iterable[tuple[object, object]]) -> JumlahAnggaran:
    total = NOL
    for pagu, realisasi in rows:
        total = total + JumlahAnggaran(to_decimal(pagu), to_decimal(realisasi or 0))
    return total
