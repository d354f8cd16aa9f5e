"""Predikat capaian: kategori dari nilai capaian pada skala yang ditetapkan Pemda.

Bawaan: Permendagri Nomor 86 Tahun 2017, Lampiran (tabel kriteria tingkat
capaian kinerja dalam evaluasi hasil RKPD/Renstra):

===============  ==================
capaian (%)      predikat
===============  ==================
≥ 91             Sangat Tinggi
76 – < 91        Tinggi
66 – < 76        Sedang
51 – < 66        Rendah
< 51 (≤ 50)      Sangat Rendah
===============  ==================

Tabel peraturan menulis batas sebagai bilangan bulat (76 ≤ x ≤ 90, dst.);
sakip membaca setiap batas sebagai batas bawah kategori, sehingga capaian
berdesimal (mis. 90,5%) tidak jatuh di celah antar-kategori: 90,5 → Tinggi.

Pemda dapat menetapkan skala lain (mis. empat kategori) dan skala terpisah
untuk indikator yang makin rendah makin baik: lihat :class:`SkalaPredikat`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .numbers import to_decimal


@dataclass(frozen=True)
class Kategori:
    batas_bawah: Decimal | None  # None: kategori terbawah (tanpa batas bawah)
    label: str
    warna: str = "#777777"


@dataclass(frozen=True)
class SkalaPredikat:
    """Skala berurutan dari kategori tertinggi ke terendah."""

    nama: str
    kategori: tuple[Kategori, ...]

    def __post_init__(self) -> None:
        if not self.kategori:
            raise ValueError("skala predikat harus punya sedikitnya satu kategori")
        bounds = [k.batas_bawah for k in self.kategori]
        if bounds[-1] is not None:
            raise ValueError("kategori terakhir skala predikat harus tanpa batas bawah")
        if any(b is None for b in bounds[:-1]):
            raise ValueError("hanya kategori terakhir yang boleh tanpa batas bawah")
        numeric = [b for b in bounds[:-1] if b is not None]
        if any(numeric[i] <= numeric[i + 1] for i in range(len(numeric) - 1)):
            raise ValueError(
                "batas bawah kategori harus menurun dari kategori tertinggi ke terendah"
            )

    def predikat(self, capaian: object) -> Kategori | None:
        if capaian is None:
            return None
        c = to_decimal(capaian)
        for k in self.kategori:
            if k.batas_bawah is None or c >= k.batas_bawah:
                return k
        return None  # pragma: no cover - last category catches all

    def to_dict(self) -> dict:
        return {
            "nama": self.nama,
            "kategori": [
                {
                    "batas_bawah": None if k.batas_bawah is None else str(k.batas_bawah),
                    "label": k.label,
                    "warna": k.warna,
                }
                for k in self.kategori
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> SkalaPredikat:
        try:
            items: Sequence[Mapping] = data["kategori"]
            kategori = tuple(
                Kategori(
                    None
                    if item.get("batas_bawah") in (None, "")
                    else to_decimal(item["batas_bawah"]),
                    str(item["label"]),
                    str(item.get("warna", "#777777")),
                )
                for item in items
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"skala predikat tidak lengkap: {exc}") from exc
        return cls(str(data.get("nama", "Skala Pemda")), kategori)

    @classmethod
    def build(cls, nama: str, bands: Iterable[tuple[object, str, str]]) -> SkalaPredikat:
        return cls(
            nama,
            tuple(
                Kategori(None if b is None else to_decimal(b), label, warna)
                for b, label, warna in bands
            ),
        )


PERMENDAGRI_86_2017 = SkalaPredikat.build(
    "Permendagri 86/2017",
    [
        (91, "Sangat Tinggi", "#1a7f37"),
        (76, "Tinggi", "#4caf50"),
        (66, "Sedang", "#f2c94c"),
        (51, "Rendah", "#f2994a"),
        (None, "Sangat Rendah", "#d73a49"),
    ],
)

# Contoh skala empat kategori yang dipakai sebagian Pemda.
EMPAT_KATEGORI = SkalaPredikat.build(
    "Empat kategori",
    [
        (100, "Sangat Baik", "#1a7f37"),
        (85, "Baik", "#4caf50"),
        (70, "Cukup", "#f2c94c"),
        (None, "Kurang", "#d73a49"),
    ],
)

PRESETS = {
    "permendagri-86-2017": PERMENDAGRI_86_2017,
    "empat-kategori": EMPAT_KATEGORI,
}


def tentukan_predikat(
    capaian: object, skala: SkalaPredikat = PERMENDAGRI_86_2017
) -> Kategori | None:
    return skala.predikat(capaian)
