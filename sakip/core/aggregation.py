"""Agregasi nilai triwulan menjadi nilai tahunan.

Cara agregasi adalah sifat indikator (ditetapkan pada Renstra/IKU):

* ``kumulatif`` — jumlah TW I–IV (mis. jumlah orang dilatih);
* ``terakhir`` — nilai triwulan terakhir yang terisi (mis. TPT, TPAK, rasio
  posisi akhir tahun);
* ``rata_rata`` — rata-rata triwulan yang terisi;
* ``maksimum`` / ``minimum``.

Untuk indikator rumus (pembilang/penyebut), pembilang dan penyebut masing-masing
diagregasi dulu, baru rasionya dihitung (:func:`agregasi_rasio`): persentase
tahunan bukan rata-rata persentase triwulan.

Triwulan yang belum diisi tidak dianggap nol: hasil mencatat triwulan kosong
(``kosong``) sehingga tampilan dapat menandai angka sementara.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from .capaian import HasilCapaian, rasio_persen
from .numbers import to_decimal

TRIWULAN = (1, 2, 3, 4)
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


class Agregasi(StrEnum):
    KUMULATIF = "kumulatif"
    TERAKHIR = "terakhir"
    RATA_RATA = "rata_rata"
    MAKSIMUM = "maksimum"
    MINIMUM = "minimum"

    @property
    def label(self) -> str:
        return {
            "kumulatif": "Kumulatif (jumlah TW I–IV)",
            "terakhir": "Nilai triwulan terakhir",
            "rata_rata": "Rata-rata triwulan",
            "maksimum": "Nilai tertinggi",
            "minimum": "Nilai terendah",
        }[self.value]


@dataclass(frozen=True)
class HasilAgregasi:
    nilai: Decimal | None
    alasan: str | None = None
    kosong: tuple[int, ...] = field(default_factory=tuple)

    @property
    def lengkap(self) -> bool:
        return self.nilai is not None and not self.kosong


def _clean(values: Mapping[int, object]) -> tuple[dict[int, Decimal], tuple[int, ...]]:
    for tw in values:
        if tw not in TRIWULAN:
            raise ValueError(f"triwulan {tw!r} tidak dikenal (harus 1, 2, 3 atau 4)")
    filled = {tw: to_decimal(v) for tw, v in sorted(values.items()) if v is not None}
    missing = tuple(tw for tw in TRIWULAN if tw not in filled)
    return filled, missing


def agregasi(values: Mapping[int, object], cara: Agregasi | str) -> HasilAgregasi:
    """Agregasikan ``{triwulan: nilai}`` menurut ``cara``."""
    cara = Agregasi(cara)
    filled, missing = _clean(values)
    if not filled:
        return HasilAgregasi(None, "belum ada realisasi triwulan yang diisi", missing)
    vals = list(filled.values())
    if cara is Agregasi.KUMULATIF:
        total = sum(vals, Decimal(0))
    elif cara is Agregasi.TERAKHIR:
        total = filled[max(filled)]
    elif cara is Agregasi.RATA_RATA:
        total = sum(vals, Decimal(0)) / len(vals)
    elif cara is Agregasi.MAKSIMUM:
        total = max(vals)
    else:
        total = min(vals)
    return HasilAgregasi(total, None, missing)


def agregasi_rasio(
    pembilang: Mapping[int, object],
    penyebut: Mapping[int, object],
    cara: Agregasi | str,
) -> tuple[HasilAgregasi, HasilAgregasi, HasilCapaian]:
    """Agregasikan pembilang dan penyebut, lalu hitung rasionya (persen)."""
    p = agregasi(pembilang, cara)
    q = agregasi(penyebut, cara)
    return p, q, rasio_persen(p.nilai, q.nilai)
