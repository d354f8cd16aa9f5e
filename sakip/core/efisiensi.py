"""Analisis efisiensi (seperti Tabel 3.8 LKjIP Disnaker Klungkung 2024).

Efisiensi membandingkan capaian keluaran (output) dengan capaian masukan
(input, yaitu serapan anggaran)::

    indeks efisiensi (IE)   = capaian output (%) / capaian input (%)
    standar efisiensi (SE)  = ditetapkan (bawaan 1,00: output sebanding input)
    tingkat efisiensi (TE)  = (IE − SE) / SE
    kesimpulan              = "efisien" bila TE ≥ 0, "tidak efisien" bila TE < 0

Dasar: analisis efisiensi penggunaan sumber daya yang diminta Lampiran III
PermenPAN-RB 53/2014 (LKjIP Bab III memuat "analisis atas efisiensi
penggunaan sumber daya"); rumusnya mengikuti kolom tabel laporan Klungkung.

IE dan TE dibulatkan dua desimal hanya saat dicetak; perhitungan memakai
nilai penuh. Capaian input nol → tidak dapat dihitung.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .numbers import to_decimal

EFISIEN = "efisien"
TIDAK_EFISIEN = "tidak efisien"


@dataclass(frozen=True)
class HasilEfisiensi:
    capaian_output: Decimal | None
    capaian_input: Decimal | None
    standar: Decimal
    indeks: Decimal | None
    tingkat: Decimal | None
    alasan: str | None = None

    @property
    def kesimpulan(self) -> str | None:
        if self.tingkat is None:
            return None
        return EFISIEN if self.tingkat >= 0 else TIDAK_EFISIEN


def analisis_efisiensi(
    capaian_output: object, capaian_input: object, standar: object = Decimal(1)
) -> HasilEfisiensi:
    se = to_decimal(standar)
    if se <= 0:
        raise ValueError("standar efisiensi harus lebih besar dari nol")
    if capaian_output is None or capaian_input is None:
        return HasilEfisiensi(
            None, None, se, None, None, "capaian output atau input belum tersedia"
        )
    out = to_decimal(capaian_output)
    inp = to_decimal(capaian_input)
    if inp == 0:
        return HasilEfisiensi(out, inp, se, None, None, "capaian input (serapan anggaran) nol")
    ie = out / inp
    return HasilEfisiensi(out, inp, se, ie, (ie - se) / se)
