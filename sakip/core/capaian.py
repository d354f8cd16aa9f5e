"""Capaian kinerja: realisasi dibandingkan dengan target, dalam persen.

Dasar
-----
* Peraturan Menteri PANRB Nomor 53 Tahun 2014 (Petunjuk Teknis Perjanjian
  Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas LKjIP), Lampiran III:
  pengukuran kinerja membandingkan realisasi dengan target pada Perjanjian
  Kinerja, dan capaian dinyatakan dalam persen.
* Untuk indikator yang makin tinggi makin baik (polaritas **naik**)::

      capaian = realisasi / target × 100%

* Untuk indikator yang makin rendah makin baik (polaritas **turun**: tingkat
  pengangguran, jumlah perselisihan), pedoman Kementerian PANRB tentang
  manajemen kinerja (dipakai pula dalam evaluasi SAKIP) memberi::

      capaian = (1 + (1 − realisasi / target)) × 100%      [metode "permenpan", bawaan]

  Sebagian Pemda memakai rasio terbalik::

      capaian = target / realisasi × 100%                   [metode "rasio_terbalik"]

  Metode ini adalah setelan Pemda (:class:`MetodeTurun`).
* Untuk indikator yang harus tepat sasaran (polaritas **tetap**, misalnya
  rasio yang dijaga pada angka tertentu), setiap simpangan mengurangi capaian::

      capaian = (1 − |realisasi − target| / |target|) × 100%

* Target berupa rentang (mis. "80–90%"): realisasi di dalam rentang dihitung
  100%; di atas rentang batas atas yang dipakai sebagai target, di bawah
  rentang batas bawah (untuk polaritas turun sebaliknya secara makna: di atas
  rentang dibandingkan dengan batas atas, di bawah rentang dengan batas bawah).

Hal yang tidak dapat dihitung (target nol, realisasi belum diisi, realisasi nol
pada metode rasio terbalik) menghasilkan :class:`HasilCapaian` dengan
``nilai=None`` dan ``alasan`` yang menjelaskan, bukan pengecualian dan bukan 0.

Pembulatan: nilai disimpan penuh (Decimal); laporan mencetaknya dengan dua
angka di belakang koma, dibulatkan setengah ke atas (lihat
:mod:`sakip.core.numbers`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .numbers import format_persen, round_half_up, to_decimal

HUNDRED = Decimal(100)

__all__ = [
    "Polaritas",
    "MetodeTurun",
    "Target",
    "HasilCapaian",
    "hitung_capaian",
    "rasio_persen",
]


class Polaritas(StrEnum):
    NAIK = "naik"  # makin tinggi makin baik
    TURUN = "turun"  # makin rendah makin baik
    TETAP = "tetap"  # tepat pada target

    @property
    def label(self) -> str:
        return {
            "naik": "Makin tinggi makin baik",
            "turun": "Makin rendah makin baik",
            "tetap": "Tepat pada target",
        }[self.value]


class MetodeTurun(StrEnum):
    PERMENPAN = "permenpan"  # (1 + (1 − r/t)) × 100
    RASIO_TERBALIK = "rasio_terbalik"  # t / r × 100

    @property
    def label(self) -> str:
        return {
            "permenpan": "(1 + (1 − realisasi/target)) × 100% (pedoman KemenPANRB)",
            "rasio_terbalik": "target/realisasi × 100%",
        }[self.value]


@dataclass(frozen=True)
class Target:
    """Target tunggal (``atas is None``) atau rentang ``bawah``–``atas``."""

    bawah: Decimal
    atas: Decimal | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "bawah", to_decimal(self.bawah))
        if self.atas is not None:
            atas = to_decimal(self.atas)
            if atas < self.bawah:
                raise ValueError(
                    f"rentang target terbalik: batas atas {atas} lebih kecil dari batas bawah {self.bawah}"
                )
            object.__setattr__(self, "atas", None if atas == self.bawah else atas)

    @property
    def is_range(self) -> bool:
        return self.atas is not None

    @classmethod
    def of(cls, value: Target | Decimal | int | float | str | tuple) -> Target:
        if isinstance(value, Target):
            return value
        if isinstance(value, tuple):
            return cls(*value)
        return cls(to_decimal(value))


@dataclass(frozen=True)
class HasilCapaian:
    """Hasil perhitungan: ``nilai`` dalam persen, atau ``None`` dengan ``alasan``."""

    nilai: Decimal | None
    alasan: str | None = None
    rumus: str = ""

    @property
    def dapat_dihitung(self) -> bool:
        return self.nilai is not None

    def dibulatkan(self, places: int = 2) -> Decimal | None:
        return None if self.nilai is None else round_half_up(self.nilai, places)

    def teks(self, places: int = 2) -> str:
        if self.nilai is None:
            return "tidak dapat dihitung"
        return format_persen(self.nilai, places)

    @classmethod
    def gagal(cls, alasan: str) -> HasilCapaian:
        return cls(None, alasan)


def rasio_persen(pembilang: object, penyebut: object) -> HasilCapaian:
    """``pembilang / penyebut × 100`` — mis. 721 dari 1.164 ditempatkan → 61,94%."""
    if pembilang is None or penyebut is None:
        return HasilCapaian.gagal("data pembilang atau penyebut belum diisi")
    p = to_decimal(pembilang)
    q = to_decimal(penyebut)
    if q == 0:
        return HasilCapaian.gagal("penyebut bernilai nol")
    return HasilCapaian(p / q * HUNDRED, rumus="pembilang / penyebut × 100%")


def _naik(r: Decimal, t: Decimal) -> HasilCapaian:
    if t == 0:
        return HasilCapaian.gagal(
            "target bernilai nol; capaian tidak dapat dihitung dengan realisasi/target"
        )
    return HasilCapaian(r / t * HUNDRED, rumus="realisasi / target × 100%")


def _turun(r: Decimal, t: Decimal, metode: MetodeTurun) -> HasilCapaian:
    if metode is MetodeTurun.PERMENPAN:
        if t == 0:
            return HasilCapaian.gagal(
                "target bernilai nol; rumus (1 + (1 − realisasi/target)) tidak dapat dipakai"
            )
        return HasilCapaian((2 - r / t) * HUNDRED, rumus="(1 + (1 − realisasi/target)) × 100%")
    if r == 0:
        return HasilCapaian.gagal(
            "realisasi bernilai nol; rumus target/realisasi tidak dapat dipakai"
        )
    return HasilCapaian(t / r * HUNDRED, rumus="target / realisasi × 100%")


def _tetap(r: Decimal, t: Decimal) -> HasilCapaian:
    if t == 0:
        return HasilCapaian.gagal("target bernilai nol; simpangan relatif tidak dapat dihitung")
    return HasilCapaian(
        (1 - abs(r - t) / abs(t)) * HUNDRED, rumus="(1 − |realisasi − target| / target) × 100%"
    )


def hitung_capaian(
    target: Target | Decimal | int | float | str | tuple | None,
    realisasi: Decimal | int | float | str | None,
    polaritas: Polaritas | str = Polaritas.NAIK,
    metode_turun: MetodeTurun | str = MetodeTurun.PERMENPAN,
    batas_maks: Decimal | None = None,
) -> HasilCapaian:
    """Hitung capaian (persen) satu indikator. Lihat docstring modul untuk rumusnya.

    ``batas_maks`` (opsional, setelan Pemda) membatasi capaian tertinggi,
    mis. 120; bawaannya tidak dibatasi.
    """
    polaritas = Polaritas(polaritas)
    metode_turun = MetodeTurun(metode_turun)
    if target is None:
        return HasilCapaian.gagal("target belum ditetapkan")
    if realisasi is None:
        return HasilCapaian.gagal("realisasi belum diisi")
    tgt = Target.of(target)
    r = to_decimal(realisasi)

    if tgt.is_range:
        lo, hi = tgt.bawah, tgt.atas
        assert hi is not None
        if lo <= r <= hi:
            hasil = HasilCapaian(HUNDRED, rumus="realisasi di dalam rentang target = 100%")
        else:
            acuan = hi if r > hi else lo
            hasil = _single(r, acuan, polaritas, metode_turun)
    else:
        hasil = _single(r, tgt.bawah, polaritas, metode_turun)

    if batas_maks is not None and hasil.nilai is not None and hasil.nilai > batas_maks:
        return HasilCapaian(
            to_decimal(batas_maks), rumus=hasil.rumus + f" (dibatasi {batas_maks}%)"
        )
    return hasil


def _single(r: Decimal, t: Decimal, polaritas: Polaritas, metode: MetodeTurun) -> HasilCapaian:
    if polaritas is Polaritas.NAIK:
        return _naik(r, t)
    if polaritas is Polaritas.TURUN:
        return _turun(r, t, metode)
    return _tetap(r, t)
