"""Data berversi perencanaan: nomenklatur program, kegiatan dan sub kegiatan (Permendagri 90/2019 dan
pemutakhirannya), kode di luar nomenklatur yang dipakai OPD beserta alasannya, dan setiap penetapan
Renstra (awal dan perubahan) tersimpan utuh. Didaftarkan lewat :mod:`.models`; pembacaannya di
:mod:`sakip.planning.nomenklatur` dan :mod:`sakip.planning.renstra_versi`."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .models import YEAR, Renstra


class NomenklaturVersi(models.Model):
    """Satu terbitan nomenklatur, lengkap (bukan tambalan): berlaku mulai tahun anggaran tertentu
    sampai ada versi yang berlaku lebih baru."""

    kode = models.SlugField("kode versi", max_length=60, unique=True)
    judul = models.CharField("judul", max_length=300)
    sumber = models.TextField("sumber data")
    berlaku_mulai = models.PositiveSmallIntegerField(
        "berlaku mulai tahun anggaran", validators=YEAR
    )
    dimuat_pada = models.DateTimeField("dimuat pada", auto_now_add=True)
    dimuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "Versi nomenklatur"
        verbose_name_plural = "Versi nomenklatur"
        ordering = ["-berlaku_mulai", "-dimuat_pada"]

    def __str__(self) -> str:
        return f"{self.judul} (berlaku {self.berlaku_mulai})"


class NomenklaturEntri(models.Model):
    """Satu kode dan namanya. ``kunci`` kode yang dinormalkan (sub kegiatan 4 angka; Program
    Penunjang yang sama di setiap bidang ditulis ``X.XX.01…``)."""

    versi = models.ForeignKey(NomenklaturVersi, on_delete=models.CASCADE, related_name="entri")
    kode = models.CharField("kode", max_length=30)
    kunci = models.CharField("kunci", max_length=30)
    nama = models.CharField("nama", max_length=500)
    tingkat = models.PositiveSmallIntegerField("tingkat")

    class Meta:
        verbose_name = "Entri nomenklatur"
        verbose_name_plural = "Entri nomenklatur"
        ordering = ["versi_id", "kunci"]
        constraints = [
            models.UniqueConstraint(fields=["versi", "kunci"], name="nomenklatur_kunci_unik")
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class KodeLuarNomenklatur(models.Model):
    """Kode program/kegiatan/sub kegiatan OPD yang tidak ada dalam nomenklatur yang berlaku;
    boleh dipakai hanya dengan alasan, dan selalu ditandai."""

    opd = models.ForeignKey(
        "organisations.PerangkatDaerah", on_delete=models.CASCADE, related_name="kode_luar"
    )
    kode = models.CharField("kode", max_length=30)
    alasan = models.TextField("alasan")
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dicatat_pada = models.DateTimeField("dicatat pada", auto_now=True)

    class Meta:
        verbose_name = "Kode di luar nomenklatur"
        verbose_name_plural = "Kode di luar nomenklatur"
        constraints = [models.UniqueConstraint(fields=["opd", "kode"], name="kode_luar_unik")]

    def __str__(self) -> str:
        return f"{self.kode}: {self.alasan[:60]}"


class RenstraVersi(models.Model):
    """Renstra sebagaimana disetujui (nomor 0 = penetapan awal, 1… = perubahan ke-N): potret
    visi, misi, tujuan, sasaran, indikator dan targetnya saat itu — tidak berubah lagi."""

    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="versi")
    nomor = models.PositiveSmallIntegerField("perubahan ke-")
    alasan_perubahan = models.TextField("alasan perubahan", blank=True)
    isi = models.JSONField("isi Renstra saat disetujui")
    disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    disetujui_pada = models.DateTimeField("disetujui pada")

    class Meta:
        verbose_name = "Versi Renstra"
        verbose_name_plural = "Versi Renstra"
        ordering = ["renstra_id", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "nomor"], name="renstra_versi_unik")
        ]

    def __str__(self) -> str:
        jenis = "penetapan awal" if self.nomor == 0 else f"perubahan ke-{self.nomor}"
        return f"{self.renstra} ({jenis})"
