"""Anggaran: pagu dan realisasi per Sub Kegiatan (atau per Kegiatan bila sumbernya
tidak merinci sub kegiatan), per tahun dan per triwulan.

Jumlah Kegiatan, Program, bidang urusan, urusan dan OPD tidak disimpan:
dihitung dari baris terendah (lihat :mod:`sakip.budget.services`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from sakip.organisations.models import PerangkatDaerah
from sakip.planning.models import YEAR, Kegiatan, SubKegiatan

MONEY = {"max_digits": 18, "decimal_places": 2}


class Anggaran(models.Model):
    opd = models.ForeignKey(
        PerangkatDaerah,
        verbose_name="Perangkat Daerah",
        on_delete=models.CASCADE,
        related_name="anggaran",
    )
    tahun = models.PositiveSmallIntegerField("tahun", validators=YEAR)
    triwulan = models.PositiveSmallIntegerField(
        "triwulan",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text="kosong = satu tahun penuh; 1–4 = rencana kas dan realisasi triwulan itu",
    )
    kegiatan = models.ForeignKey(
        Kegiatan, null=True, blank=True, on_delete=models.CASCADE, related_name="anggaran"
    )
    sub_kegiatan = models.ForeignKey(
        SubKegiatan, null=True, blank=True, on_delete=models.CASCADE, related_name="anggaran"
    )
    pagu = models.DecimalField("pagu (Rp)", **MONEY, validators=[MinValueValidator(0)])
    realisasi = models.DecimalField(
        "realisasi (Rp)", **MONEY, default=0, validators=[MinValueValidator(0)]
    )
    catatan = models.TextField("catatan", blank=True)

    class Meta:
        verbose_name = "Anggaran"
        verbose_name_plural = "Anggaran"
        ordering = ["opd_id", "tahun", "triwulan"]
        indexes = [models.Index(fields=["opd", "tahun", "triwulan"], name="anggaran_opd_tahun")]
        constraints = [
            models.CheckConstraint(
                name="anggaran_satu_pemilik",
                condition=Q(kegiatan__isnull=False, sub_kegiatan__isnull=True)
                | Q(kegiatan__isnull=True, sub_kegiatan__isnull=False),
            ),
            models.CheckConstraint(name="anggaran_pagu_tidak_negatif", condition=Q(pagu__gte=0)),
            models.CheckConstraint(
                name="anggaran_realisasi_tidak_negatif", condition=Q(realisasi__gte=0)
            ),
            models.UniqueConstraint(
                fields=["sub_kegiatan", "tahun"],
                condition=Q(triwulan__isnull=True, sub_kegiatan__isnull=False),
                name="anggaran_sub_tahun_unik",
            ),
            models.UniqueConstraint(
                fields=["sub_kegiatan", "tahun", "triwulan"],
                condition=Q(triwulan__isnull=False, sub_kegiatan__isnull=False),
                name="anggaran_sub_tw_unik",
            ),
            models.UniqueConstraint(
                fields=["kegiatan", "tahun"],
                condition=Q(triwulan__isnull=True, kegiatan__isnull=False),
                name="anggaran_keg_tahun_unik",
            ),
            models.UniqueConstraint(
                fields=["kegiatan", "tahun", "triwulan"],
                condition=Q(triwulan__isnull=False, kegiatan__isnull=False),
                name="anggaran_keg_tw_unik",
            ),
        ]

    def __str__(self) -> str:
        owner = self.sub_kegiatan or self.kegiatan
        tw = f" TW {self.triwulan}" if self.triwulan else ""
        return f"{owner} {self.tahun}{tw}"

    @property
    def kegiatan_induk(self) -> Kegiatan:
        return self.kegiatan if self.kegiatan_id else self.sub_kegiatan.kegiatan


class PaguVersi(models.Model):
    """Satu penetapan pagu setahun dari DPA (murni) atau DPPA (perubahan anggaran, APBD-P),
    dengan tanggalnya. Pagu yang berlaku (``Anggaran.pagu``) adalah versi terakhir; versi
    sebelumnya tetap terbaca dan dicetak di LKjIP."""

    class Jenis(models.TextChoices):
        MURNI = "murni", "DPA (APBD murni)"
        PERUBAHAN = "perubahan", "DPPA (APBD perubahan)"

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="pagu_versi")
    tahun = models.PositiveSmallIntegerField("tahun", validators=YEAR)
    jenis = models.CharField("jenis", max_length=10, choices=Jenis.choices)
    tanggal = models.DateField("tanggal DPA/DPPA")
    sumber = models.CharField("berkas sumber", max_length=255, blank=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dicatat_pada = models.DateTimeField("dicatat pada", auto_now_add=True)

    class Meta:
        verbose_name = "Versi pagu"
        verbose_name_plural = "Versi pagu"
        ordering = ["opd_id", "tahun", "tanggal", "id"]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.tahun} ({self.tanggal:%d-%m-%Y})"


class PaguBaris(models.Model):
    versi = models.ForeignKey(PaguVersi, on_delete=models.CASCADE, related_name="baris")
    kegiatan = models.ForeignKey(
        Kegiatan, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    sub_kegiatan = models.ForeignKey(
        SubKegiatan, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    pagu = models.DecimalField("pagu (Rp)", **MONEY, validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = "Baris versi pagu"
        verbose_name_plural = "Baris versi pagu"
        constraints = [
            models.CheckConstraint(
                name="pagu_baris_satu_pemilik",
                condition=Q(kegiatan__isnull=False, sub_kegiatan__isnull=True)
                | Q(kegiatan__isnull=True, sub_kegiatan__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.sub_kegiatan or self.kegiatan}: {self.pagu}"


class PemetaanDPA(models.Model):
    """Kolom ekspor DPA aplikasi keuangan Pemda (judul kolom per medan), diingat per Pemda."""

    pemda = models.OneToOneField(
        "organisations.Pemda", on_delete=models.CASCADE, related_name="pemetaan_dpa"
    )
    kolom = models.JSONField("judul kolom per medan", default=dict)
    diperbarui = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "Pemetaan kolom DPA"
        verbose_name_plural = "Pemetaan kolom DPA"

    def __str__(self) -> str:
        return f"Pemetaan DPA {self.pemda}"
