"""Reviu. Untuk saat ini: apa yang *dicetak* oleh sebuah laporan (klaimnya),
disimpan di samping data, agar laporan yang diimpor dapat diperiksa terhadap
datanya sendiri."""

from __future__ import annotations

from django.db import models

from sakip.organisations.models import PerangkatDaerah
from sakip.planning.models import DEC, YEAR


class NilaiTercetak(models.Model):
    """Satu angka seperti tercetak di laporan, beserta letaknya.

    ``objek`` menunjuk data yang bersangkutan dengan rujukan teks, mis.
    ``indikator:IKU-TPAK``, ``anggaran:2.07.01``, ``anggaran:jumlah``,
    ``efisiensi:2.07.03.2.05``, ``hitungan:program``.
    """

    opd = models.ForeignKey(
        PerangkatDaerah,
        verbose_name="Perangkat Daerah",
        on_delete=models.CASCADE,
        related_name="nilai_tercetak",
    )
    tahun = models.PositiveSmallIntegerField("tahun laporan", validators=YEAR)
    lokasi = models.CharField(
        "letak dalam laporan", max_length=120, help_text="mis. Tabel 3.1, Ikhtisar Eksekutif"
    )
    objek = models.CharField("objek", max_length=200)
    atribut = models.CharField(
        "atribut", max_length=60, help_text="mis. capaian, pagu, realisasi, serapan"
    )
    periode = models.PositiveSmallIntegerField("tahun data", null=True, blank=True, validators=YEAR)
    teks = models.CharField("teks tercetak", max_length=255)
    nilai = models.DecimalField("nilai terbaca", **DEC, null=True, blank=True)
    catatan = models.TextField("catatan", blank=True)
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "Nilai tercetak"
        verbose_name_plural = "Nilai tercetak"
        ordering = ["opd", "tahun", "urutan"]
        indexes = [models.Index(fields=["opd", "tahun", "objek"])]

    def __str__(self) -> str:
        return f"{self.lokasi}: {self.objek} {self.atribut} = {self.teks}"
