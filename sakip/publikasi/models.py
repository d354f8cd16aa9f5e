"""Terbitan: satu dokumen yang terbit untuk publik, dengan angka dan berkasnya saat terbit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from sakip.organisations.models import Pemda, PerangkatDaerah


def _jalur(instance, filename: str) -> str:
    pemilik = f"opd{instance.opd_id}" if instance.opd_id else f"pemda{instance.pemda_id}"
    return f"terbitan/{instance.tahun}/{pemilik}/{filename}"


class Terbitan(models.Model):
    class Jenis(models.TextChoices):
        LKJIP = "lkjip", "LKjIP"
        PK = "pk", "Perjanjian Kinerja"
        EVALUASI = "evaluasi", "Hasil Evaluasi AKIP"
        LKJIP_PEMDA = "lkjip-pemda", "LKjIP Pemda"

    pemda = models.ForeignKey(
        Pemda, verbose_name="Pemda", on_delete=models.CASCADE, related_name="terbitan"
    )
    opd = models.ForeignKey(
        PerangkatDaerah,
        verbose_name="Perangkat Daerah",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="terbitan",
        help_text="kosong: dokumen tingkat Pemda",
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    jenis = models.CharField("jenis", max_length=15, choices=Jenis.choices)
    # terbitan ke-n untuk (OPD/Pemda, tahun, jenis): yang terbit tidak pernah ditimpa; yang terbaru
    # berlaku. ``versi_sumber``: versi dokumen asalnya (PK 1 = murni, 2… = perubahan; evaluasi:
    # versi koreksi; LKjIP: 1).
    versi = models.PositiveSmallIntegerField("terbitan ke-", default=1)
    versi_sumber = models.PositiveSmallIntegerField("versi sumber", default=1)
    judul = models.CharField("judul", max_length=255)
    data = models.JSONField("angka yang terbit", default=dict)
    versi_data = models.CharField("versi data saat terbit", max_length=40)
    diterbitkan_pada = models.DateTimeField("diterbitkan pada", auto_now_add=True)
    diterbitkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    berkas = models.FileField("berkas PDF", upload_to=_jalur, blank=True, max_length=300)
    ukuran = models.PositiveIntegerField("ukuran (bita)", default=0)
    sidik = models.CharField("SHA-256 berkas", max_length=64, blank=True)
    catatan = models.TextField("catatan pembuatan berkas", blank=True)

    class Meta:
        verbose_name = "Terbitan"
        verbose_name_plural = "Terbitan"
        ordering = ["pemda_id", "-tahun", "opd_id", "jenis", "-versi"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun", "jenis", "versi"],
                condition=Q(opd__isnull=False),
                name="terbitan_opd_unik",
            ),
            models.UniqueConstraint(
                fields=["pemda", "tahun", "jenis", "versi"],
                condition=Q(opd__isnull=True),
                name="terbitan_pemda_unik",
            ),
        ]

    def __str__(self) -> str:
        return self.judul

    @property
    def nama_berkas(self) -> str:
        pemilik = self.opd.slug if self.opd_id else self.pemda.slug
        v = f"-v{self.versi}" if self.versi > 1 else ""
        return f"{self.jenis}-{pemilik}-{self.tahun}{v}.pdf"
