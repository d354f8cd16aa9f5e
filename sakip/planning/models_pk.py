"""Perjanjian Kinerja (murni dan perubahan, Kepala OPD dan setiap jabatan), indikator dan anggaran
PK-nya, dan Rencana Aksi (target triwulan). Didaftarkan lewat :mod:`.models`."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from sakip.core.capaian import Target
from sakip.organisations.models import Jabatan, PerangkatDaerah
from sakip.workflow.models import DapatDisetujui

from .models import DEC, YEAR, Indikator, Program


class PerjanjianKinerja(DapatDisetujui):
    """Perjanjian Kinerja satu tahun. Setiap versi (murni, perubahan ke-1, ke-2…) baris tersendiri.

    Alurnya dideklarasikan di :mod:`sakip.planning.alur`; yang disetujui terkunci, perubahannya
    dibuat sebagai versi baru (PK Perubahan)."""

    class Jenis(models.TextChoices):
        MURNI = "murni", "PK Murni"
        PERUBAHAN = "perubahan", "PK Perubahan"

    opd = models.ForeignKey(
        PerangkatDaerah,
        verbose_name="Perangkat Daerah",
        on_delete=models.CASCADE,
        related_name="perjanjian_kinerja",
    )
    tahun = models.PositiveSmallIntegerField("tahun", validators=YEAR)
    versi = models.PositiveSmallIntegerField(
        "versi", default=1, help_text="1 = murni; 2 dst. = perubahan"
    )
    jenis = models.CharField("jenis", max_length=10, choices=Jenis.choices, default=Jenis.MURNI)
    tanggal = models.DateField("tanggal", null=True, blank=True)
    pihak_pertama_nama = models.CharField("pihak pertama (kepala OPD)", max_length=200, blank=True)
    pihak_pertama_jabatan = models.CharField("jabatan pihak pertama", max_length=200, blank=True)
    pihak_pertama_pangkat = models.CharField("pangkat pihak pertama", max_length=120, blank=True)
    pihak_pertama_nip = models.CharField("NIP pihak pertama", max_length=30, blank=True)
    pihak_kedua_nama = models.CharField("pihak kedua (kepala daerah)", max_length=200, blank=True)
    pihak_kedua_jabatan = models.CharField("jabatan pihak kedua", max_length=200, blank=True)
    alasan_perubahan = models.TextField("alasan perubahan", blank=True)
    jabatan = models.ForeignKey(
        Jabatan,
        verbose_name="jabatan pihak pertama",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="perjanjian_kinerja",
        help_text="kosong: PK kepala OPD dengan kepala daerah; terisi: PK jabatan dengan atasannya",
    )

    class Meta:
        verbose_name = "Perjanjian Kinerja"
        verbose_name_plural = "Perjanjian Kinerja"
        ordering = ["opd_id", "-tahun", "versi"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun", "versi"],
                condition=Q(jabatan__isnull=True),
                name="pk_versi_unik",
            ),
            models.UniqueConstraint(
                fields=["jabatan", "tahun", "versi"],
                condition=Q(jabatan__isnull=False),
                name="pk_jabatan_versi_unik",
            ),
            models.CheckConstraint(
                name="pk_versi_jenis",
                condition=(Q(versi=1, jenis="murni") | Q(versi__gt=1, jenis="perubahan")),
            ),
        ]

    def __str__(self) -> str:
        label = (
            "PK"
            if self.versi == 1
            else f"PK Perubahan{'' if self.versi == 2 else f' ke-{self.versi - 1}'}"
        )
        if self.jabatan_id:
            return f"{label} {self.pihak_pertama_jabatan or self.jabatan} {self.tahun}"
        return f"{label} {self.opd} {self.tahun}"


class PKIndikator(models.Model):
    perjanjian = models.ForeignKey(
        PerjanjianKinerja,
        verbose_name="Perjanjian Kinerja",
        on_delete=models.CASCADE,
        related_name="indikator",
    )
    indikator = models.ForeignKey(Indikator, on_delete=models.PROTECT, related_name="pk_item")
    target = models.DecimalField("target", **DEC)
    target_atas = models.DecimalField("batas atas (target rentang)", **DEC, null=True, blank=True)
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "Indikator PK"
        verbose_name_plural = "Indikator PK"
        ordering = ["perjanjian_id", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["perjanjian", "indikator"], name="pk_indikator_unik")
        ]

    def __str__(self) -> str:
        return f"{self.indikator}: {self.target}"

    @property
    def as_target(self) -> Target:
        return Target(self.target, self.target_atas)


class PKAnggaran(models.Model):
    """Program, kegiatan atau sub kegiatan dan anggarannya yang dicantumkan dalam Perjanjian Kinerja
    (PK Kepala OPD: per program; PK eselon III/IV: per kegiatan atau sub kegiatan, seperti PK
    yang sebenarnya). ``program`` selalu terisi (induk kegiatan/sub kegiatan itu)."""

    perjanjian = models.ForeignKey(
        PerjanjianKinerja,
        verbose_name="Perjanjian Kinerja",
        on_delete=models.CASCADE,
        related_name="anggaran",
    )
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="pk_anggaran")
    kegiatan = models.ForeignKey(
        "planning.Kegiatan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pk_anggaran",
    )
    sub_kegiatan = models.ForeignKey(
        "planning.SubKegiatan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pk_anggaran",
    )
    pagu = models.DecimalField(
        "anggaran (Rp)", max_digits=18, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = "Anggaran dalam PK"
        verbose_name_plural = "Anggaran dalam PK"
        ordering = ["perjanjian_id", "id"]  # tampilan mengurutkan menurut kode
        constraints = [
            models.UniqueConstraint(
                fields=["perjanjian", "program"],
                condition=Q(kegiatan__isnull=True, sub_kegiatan__isnull=True),
                name="pk_program_unik",
            ),
            models.UniqueConstraint(
                fields=["perjanjian", "kegiatan"],
                condition=Q(kegiatan__isnull=False, sub_kegiatan__isnull=True),
                name="pk_kegiatan_unik",
            ),
            models.UniqueConstraint(
                fields=["perjanjian", "sub_kegiatan"],
                condition=Q(sub_kegiatan__isnull=False),
                name="pk_sub_kegiatan_unik",
            ),
            models.CheckConstraint(condition=Q(pagu__gte=0), name="pk_pagu_tidak_negatif"),
        ]

    def __str__(self) -> str:
        return f"{self.unsur}: {self.pagu}"

    @property
    def unsur(self):
        """Yang dianggarkan baris ini: sub kegiatan, kegiatan, atau program."""
        return self.sub_kegiatan or self.kegiatan or self.program


class RencanaAksi(models.Model):
    """Target triwulan yang menjabarkan satu indikator PK."""

    pk_indikator = models.ForeignKey(
        PKIndikator,
        verbose_name="indikator PK",
        on_delete=models.CASCADE,
        related_name="rencana_aksi",
    )
    triwulan = models.PositiveSmallIntegerField(
        "triwulan", validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    target = models.DecimalField("target triwulan", **DEC, null=True, blank=True)
    target_atas = models.DecimalField("batas atas", **DEC, null=True, blank=True)
    rencana_kegiatan = models.TextField("rencana aksi / kegiatan", blank=True)

    class Meta:
        verbose_name = "Rencana Aksi"
        verbose_name_plural = "Rencana Aksi"
        ordering = ["pk_indikator_id", "triwulan"]
        constraints = [
            models.UniqueConstraint(fields=["pk_indikator", "triwulan"], name="rencana_aksi_unik"),
            models.CheckConstraint(
                condition=Q(triwulan__gte=1, triwulan__lte=4), name="rencana_aksi_triwulan"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pk_indikator.indikator} TW {self.triwulan}: {self.target}"
