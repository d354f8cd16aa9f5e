"""Tenggat Pemda, pemberitahuan per pengguna, dan pilihan surel."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sakip.organisations.models import Pemda


class JenisTenggat(models.TextChoices):
    PK = "pk", "Perjanjian Kinerja"
    REALISASI_TW1 = "realisasi_tw1", "Realisasi Triwulan I"
    REALISASI_TW2 = "realisasi_tw2", "Realisasi Triwulan II"
    REALISASI_TW3 = "realisasi_tw3", "Realisasi Triwulan III"
    REALISASI_TW4 = "realisasi_tw4", "Realisasi Triwulan IV"
    LKJIP = "lkjip", "LKjIP Perangkat Daerah"
    REVIU = "reviu", "Reviu LKjIP oleh Inspektorat"
    LKJIP_PEMDA = "lkjip_pemda", "LKjIP Pemda"
    EVALUASI = "evaluasi", "Evaluasi AKIP"


class Tenggat(models.Model):
    """Tanggal tenggat satu kegiatan SAKIP untuk satu tahun kinerja, diubah Admin Pemda.

    Tanpa baris: tanggal bawaan (:func:`sakip.harian.kalender.bawaan`)."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="tenggat")
    tahun = models.PositiveSmallIntegerField("tahun kinerja")
    jenis = models.CharField("kegiatan", max_length=20, choices=JenisTenggat.choices)
    tanggal = models.DateField("tenggat")

    class Meta:
        verbose_name = "Tenggat"
        verbose_name_plural = "Tenggat"
        constraints = [
            models.UniqueConstraint(fields=["pemda", "tahun", "jenis"], name="tenggat_unik")
        ]

    def __str__(self) -> str:
        return f"{self.get_jenis_display()} {self.tahun}: {self.tanggal:%d/%m/%Y}"


class Notifikasi(models.Model):
    """Satu pemberitahuan untuk satu pengguna. ``kunci`` = peristiwanya (tenggat OPD-tahun-jenis,
    langkah alur tertentu): unik per pengguna, jadi satu peristiwa tidak pernah diberitahukan dua
    kali, berapa kali pun pengingat dijalankan dan oleh berapa pekerja pun."""

    class Surel(models.TextChoices):
        TIDAK = "tidak", "Tidak dikirim"
        MENUNGGU = "menunggu", "Menunggu dikirim"
        TERKIRIM = "terkirim", "Terkirim"
        GAGAL = "gagal", "Gagal dikirim"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifikasi"
    )
    kunci = models.CharField("peristiwa", max_length=200)
    judul = models.CharField("judul", max_length=200)
    isi = models.TextField("isi", blank=True)
    tautan = models.CharField("tautan", max_length=300, blank=True)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    dibaca_pada = models.DateTimeField("dibaca pada", null=True, blank=True)
    surel = models.CharField(max_length=10, choices=Surel.choices, default=Surel.MENUNGGU)
    surel_pada = models.DateTimeField("surel dikirim pada", null=True, blank=True)

    class Meta:
        verbose_name = "Pemberitahuan"
        verbose_name_plural = "Pemberitahuan"
        ordering = ["-dibuat", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "kunci"], name="notifikasi_sekali")]
        indexes = [
            models.Index(fields=["user", "dibaca_pada"], name="notifikasi_belum_dibaca"),
            models.Index(fields=["surel"], name="notifikasi_surel"),
        ]

    def __str__(self) -> str:
        return self.judul


class PilihanPengguna(models.Model):
    """Pilihan pemberitahuan seorang pengguna (tanpa baris: surel aktif)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pilihan_harian"
    )
    surel = models.BooleanField("kirim pemberitahuan lewat surel", default=True)

    class Meta:
        verbose_name = "Pilihan pemberitahuan"
        verbose_name_plural = "Pilihan pemberitahuan"

    def __str__(self) -> str:
        return f"{self.user}: surel {'aktif' if self.surel else 'mati'}"
