"""Membandingkan angka tercetak dengan angka yang dihitung, pada ketelitian yang dicetak."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from sakip.core.numbers import NumberFormatError, parse_angka, round_half_up, truncate

SAMA = "sama"
DIPOTONG = "dipotong"
BEDA_KECIL = "beda_kecil"
BEDA = "beda"


def desimal_tercetak(teks: str) -> int:
    """Jumlah angka di belakang koma pada teks tercetak ('187,90' → 2, '97%' → 0, '8.33%' → 2)."""
    s = re.sub(r"(?i)^\s*rp\.?\s*", "", teks.strip()).rstrip("% ").strip()
    if "," in s:
        return len(s.rsplit(",", 1)[1])
    if re.fullmatch(r"-?\d+\.\d+", s) and not re.fullmatch(r"-?\d{1,3}(\.\d{3})+", s):
        return len(s.rsplit(".", 1)[1])
    return 0


def baca(teks: str) -> Decimal | None:
    try:
        return parse_angka(teks)
    except NumberFormatError:
        return None


@dataclass(frozen=True)
class Perbandingan:
    status: str
    tercetak: Decimal
    dihitung: Decimal
    desimal: int

    @property
    def selisih(self) -> Decimal:
        return self.tercetak - round_half_up(self.dihitung, self.desimal)


def bandingkan(teks: str, dihitung: Decimal) -> Perbandingan | None:
    """``None`` bila teks tidak terbaca sebagai angka."""
    nilai = baca(teks)
    if nilai is None:
        return None
    d = desimal_tercetak(teks)
    if round_half_up(dihitung, d) == nilai:
        status = SAMA
    elif truncate(dihitung, d) == nilai:
        status = DIPOTONG
    elif abs(nilai - dihitung) <= Decimal(2).scaleb(-d):  # dua satuan angka terakhir yang dicetak
        status = BEDA_KECIL
    else:
        status = BEDA
    return Perbandingan(status, nilai, dihitung, d)
