"""Unsur rencana yang berhenti dipakai mulai suatu tahun, dengan alasannya (bukan dihapus).

Program, kegiatan, sub kegiatan dan indikator melekat pada OPD, bukan pada satu tahun. Yang sudah
punya data (realisasi, PK, anggaran) tidak dihapus; ia *dihentikan* mulai tahun ``berhenti_tahun``:
tahun-tahun sebelumnya tetap terbaca apa adanya, tahun itu dan sesudahnya tidak lagi memakainya
(PK murni dan berjenjang, kerangka anggaran, pencocokan DPA, buku kerja). Unsur yang induknya
berhenti ikut berhenti sejak tahun induknya.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

# Jalur dari setiap jenis unsur ke dirinya dan induk-induknya (awalan pencarian Django).
JALUR_INDUK: dict[str, tuple[str, ...]] = {
    "program": ("",),
    "kegiatan": ("", "program__"),
    "sub_kegiatan": ("", "kegiatan__", "kegiatan__program__"),
    "indikator": (
        "",
        "program__",
        "kegiatan__",
        "kegiatan__program__",
        "sub_kegiatan__",
        "sub_kegiatan__kegiatan__",
        "sub_kegiatan__kegiatan__program__",
    ),
}


class DapatDihentikan(models.Model):
    berhenti_tahun = models.PositiveSmallIntegerField(
        "berhenti mulai tahun",
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text="kosong: masih dipakai; diisi: tidak dipakai lagi mulai tahun ini",
    )
    alasan_berhenti = models.TextField("alasan berhenti", blank=True)

    JENIS_BERHENTI = ""  # kunci JALUR_INDUK

    class Meta:
        abstract = True

    def berhenti_efektif(self) -> int | None:
        """Tahun pertama unsur ini tidak dipakai: yang paling awal dari dirinya dan induknya."""
        tahun = [self.berhenti_tahun]
        for induk in self._induk_berhenti():
            tahun.append(induk.berhenti_tahun)
        ada = [t for t in tahun if t is not None]
        return min(ada) if ada else None

    def aktif_pada(self, tahun: int) -> bool:
        b = self.berhenti_efektif()
        return b is None or tahun < b

    def _induk_berhenti(self) -> list[DapatDihentikan]:
        induk = []
        for jalur in JALUR_INDUK[self.JENIS_BERHENTI][1:]:
            obj = self
            for nama in jalur.strip("_").split("__"):
                obj = getattr(obj, nama, None) if obj is not None else None
            if obj is not None:
                induk.append(obj)
        return induk


def q_aktif(jenis: str, tahun: int, awalan: str = "") -> Q:
    """Syarat pencarian: unsur ``jenis`` (program/kegiatan/sub_kegiatan/indikator, di balik
    ``awalan`` bila dicari dari model lain) masih dipakai pada ``tahun``."""
    q = Q()
    for jalur in JALUR_INDUK[jenis]:
        f = f"{awalan}{jalur}berhenti_tahun"
        q &= Q(**{f"{f}__isnull": True}) | Q(**{f"{f}__gt": tahun})
    return q
