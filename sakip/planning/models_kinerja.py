"""Pohon kinerja: pernyataan kinerja program/kegiatan/sub kegiatan, dan crosscutting — kinerja
sebuah OPD yang ikut dicapai OPD lain atau instansi vertikal, diusulkan lalu diterima/ditolak."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from sakip.organisations.models import PerangkatDaerah
from sakip.workflow.models import DapatDisetujui, StatusAlur


def pernyataan_kinerja() -> models.TextField:
    """Medan pernyataan kinerja (sama untuk program, kegiatan, sub kegiatan)."""
    return models.TextField(
        "pernyataan kinerja",
        blank=True,
        max_length=500,
        help_text="hasil yang ingin dicapai (pohon kinerja), mis. 'Meningkatnya penempatan tenaga kerja'",
    )


class Crosscutting(DapatDisetujui):
    """Usulan agar kinerja satu sasaran OPD ikut dicapai mitra: OPD lain se-Pemda, atau instansi
    vertikal (BPS, BPJS Ketenagakerjaan, …). Alur (:mod:`sakip.planning.crosscutting`): diusulkan
    OPD pengusul → diterima atau ditolak (beralasan) oleh Kepala OPD mitra — untuk instansi vertikal,
    dicatat Admin Pemda. Yang diterima tampil di pohon kinerja di bawah sasaran itu."""

    Status = StatusAlur

    pengusul = models.ForeignKey(
        PerangkatDaerah,
        verbose_name="OPD pengusul",
        on_delete=models.CASCADE,
        related_name="crosscutting_diusulkan",
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    sasaran = models.ForeignKey(
        "planning.Sasaran",
        verbose_name="sasaran pengusul",
        on_delete=models.CASCADE,
        related_name="crosscutting",
    )
    mitra_opd = models.ForeignKey(
        PerangkatDaerah,
        verbose_name="OPD mitra",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="crosscutting_mitra",
    )
    mitra_instansi = models.CharField("instansi vertikal mitra", max_length=200, blank=True)
    peran = models.TextField("kontribusi yang diharapkan dari mitra", max_length=1000)
    dibuat_pada = models.DateTimeField("dibuat pada", auto_now_add=True)

    class Meta:
        verbose_name = "Crosscutting"
        verbose_name_plural = "Crosscutting"
        ordering = ["pengusul_id", "tahun", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(mitra_opd__isnull=False) & Q(mitra_instansi=""))
                | (Q(mitra_opd__isnull=True) & ~Q(mitra_instansi="")),
                name="crosscutting_satu_mitra",
            )
        ]

    def __str__(self) -> str:
        return f"Crosscutting {self.pengusul} → {self.nama_mitra} ({self.tahun})"

    @property
    def nama_mitra(self) -> str:
        return self.mitra_opd.nama if self.mitra_opd_id else self.mitra_instansi

    @property
    def unit_keputusan(self):
        """Yang memutuskan: OPD mitra (Kepala OPD), atau Pemda (Admin Pemda) untuk instansi vertikal."""
        return self.mitra_opd if self.mitra_opd_id else self.pengusul.pemda
