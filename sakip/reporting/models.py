"""Narasi LKjIP per OPD-tahun: teks yang ditulis pengguna (kata pengantar, analisis, dst.)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sakip.organisations.models import PerangkatDaerah
from sakip.planning.models import YEAR
from sakip.workflow.models import DapatDisetujui, StatusAlur

KUNCI_NARASI = {
    "kata_pengantar": "Kata Pengantar",
    "ikhtisar": "Ikhtisar Eksekutif",
    "latar_belakang": "Latar Belakang",
    "dasar_hukum": "Dasar Hukum",
    "isu_strategis": "Isu Strategis",
    "struktur_organisasi": "Struktur Organisasi",
    "analisis": "Analisis capaian (umum)",
    "faktor_pendukung": "Faktor Pendukung",
    "faktor_penghambat": "Faktor Penghambat",
    "kesimpulan": "Kesimpulan",
    "saran": "Saran",
}


class Narasi(models.Model):
    """``kunci`` dari :data:`KUNCI_NARASI`, atau ``analisis:<kode sasaran>`` untuk analisis per sasaran."""

    opd = models.ForeignKey(
        PerangkatDaerah,
        verbose_name="Perangkat Daerah",
        on_delete=models.CASCADE,
        related_name="narasi",
    )
    tahun = models.PositiveSmallIntegerField("tahun", validators=YEAR)
    kunci = models.CharField("bagian", max_length=60)
    teks = models.TextField("teks")
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)

    class Meta:
        verbose_name = "Narasi LKjIP"
        verbose_name_plural = "Narasi LKjIP"
        ordering = ["opd_id", "tahun", "kunci"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "kunci"], name="narasi_unik")
        ]

    def __str__(self) -> str:
        return f"{self.opd} {self.tahun} — {KUNCI_NARASI.get(self.kunci, self.kunci)}"


class PersetujuanLkjip(DapatDisetujui):
    """Alur LKjIP satu OPD-tahun: draf → diajukan → disetujui, atau dikembalikan dengan alasan.

    Alurnya (peran, gerbang reviu) dideklarasikan di :mod:`sakip.review.alur`."""

    Status = StatusAlur

    opd = models.ForeignKey(
        PerangkatDaerah,
        verbose_name="Perangkat Daerah",
        on_delete=models.CASCADE,
        related_name="persetujuan_lkjip",
    )
    tahun = models.PositiveSmallIntegerField("tahun", validators=YEAR)

    class Meta:
        verbose_name = "Persetujuan LKjIP"
        verbose_name_plural = "Persetujuan LKjIP"
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun"], name="persetujuan_lkjip_unik")
        ]

    def __str__(self) -> str:
        return f"LKjIP {self.opd} {self.tahun}: {self.get_status_display()}"
