"""RPJMD (atau RPD) satu Pemda: visi, misi, tujuan, sasaran, indikator kinerja daerah (IKU Pemda)
dengan kondisi awal, target tahunan dan kondisi akhir, realisasi tahunan bersumber, dan program.

Setiap perubahan RPJMD adalah versi baru (baris ``RPJMD`` tersendiri, pohonnya disalin); versi lama
tetap terbaca. Keselarasan OPD (sasaran, program, indikator) menunjuk ke baris versi yang berlaku.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from sakip.core.capaian import Polaritas, Target
from sakip.organisations.models import Pemda, Urusan
from sakip.workflow.models import DapatDisetujui

DEC = {"max_digits": 20, "decimal_places": 4}
YEAR = [MinValueValidator(2000), MaxValueValidator(2100)]


class RPJMD(DapatDisetujui):
    class Jenis(models.TextChoices):
        RPJMD = "rpjmd", "RPJMD"
        RPD = "rpd", "RPD"

    pemda = models.ForeignKey(
        Pemda, verbose_name="Pemda", on_delete=models.CASCADE, related_name="rpjmd"
    )
    jenis = models.CharField(
        "jenis dokumen",
        max_length=8,
        choices=Jenis.choices,
        default=Jenis.RPJMD,
        help_text="RPD: Rencana Pembangunan Daerah masa transisi",
    )
    tahun_awal = models.PositiveSmallIntegerField("tahun awal", validators=YEAR)
    tahun_akhir = models.PositiveSmallIntegerField("tahun akhir", validators=YEAR)
    versi = models.PositiveSmallIntegerField(
        "versi", default=1, help_text="1 = penetapan awal; 2 dst. = perubahan"
    )
    nama = models.CharField("nama dokumen", max_length=255, blank=True)
    dasar_hukum = models.CharField(
        "dasar hukum", max_length=255, blank=True, help_text="mis. Perda Nomor … Tahun …"
    )
    visi = models.TextField("visi", blank=True)
    misi = models.JSONField("misi", default=list, blank=True)
    alasan_perubahan = models.TextField("alasan perubahan", blank=True)
    sumber = models.TextField("sumber data", blank=True)
    catatan = models.TextField("catatan", blank=True)
    contoh = models.BooleanField(
        "data contoh", default=False, help_text="data peragaan, bukan data resmi Pemda"
    )

    class Meta:
        verbose_name = "RPJMD"
        verbose_name_plural = "RPJMD"
        ordering = ["pemda_id", "-tahun_awal", "versi"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "tahun_awal", "versi"], name="rpjmd_versi_unik"
            ),
            models.CheckConstraint(
                condition=Q(tahun_akhir__gte=models.F("tahun_awal")), name="rpjmd_periode_urut"
            ),
        ]

    def __str__(self) -> str:
        label = self.get_jenis_display()
        if self.versi > 1:
            label = f"Perubahan {label}" + ("" if self.versi == 2 else f" ke-{self.versi - 1}")
        return f"{label} {self.pemda} {self.tahun_awal}–{self.tahun_akhir}"

    @property
    def tahun_list(self) -> list[int]:
        return list(range(self.tahun_awal, self.tahun_akhir + 1))

    def clean(self) -> None:
        if self.tahun_akhir is not None and self.tahun_awal is not None:
            if self.tahun_akhir < self.tahun_awal:
                raise ValidationError({"tahun_akhir": "Tahun akhir lebih kecil dari tahun awal."})
            if self.tahun_akhir - self.tahun_awal > 9:
                raise ValidationError({"tahun_akhir": "Periode RPJMD paling lama 10 tahun."})


class TujuanRPJMD(models.Model):
    rpjmd = models.ForeignKey(RPJMD, on_delete=models.CASCADE, related_name="tujuan")
    kode = models.CharField("kode", max_length=40)
    uraian = models.TextField("uraian")
    misi = models.PositiveSmallIntegerField(
        "misi ke-", null=True, blank=True, help_text="nomor misi yang dijabarkan tujuan ini"
    )
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "Tujuan RPJMD"
        verbose_name_plural = "Tujuan RPJMD"
        ordering = ["rpjmd_id", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["rpjmd", "kode"], name="tujuan_rpjmd_kode_unik")
        ]

    def __str__(self) -> str:
        return self.uraian


class SasaranRPJMD(models.Model):
    tujuan = models.ForeignKey(TujuanRPJMD, on_delete=models.CASCADE, related_name="sasaran")
    kode = models.CharField("kode", max_length=40)
    uraian = models.TextField("uraian")
    catatan = models.TextField("catatan", blank=True)
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "Sasaran RPJMD"
        verbose_name_plural = "Sasaran RPJMD"
        ordering = ["tujuan_id", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["tujuan", "kode"], name="sasaran_rpjmd_kode_unik")
        ]

    def __str__(self) -> str:
        return self.uraian


# Medan nilai indikator daerah yang dipertukarkan (berkas Pemda: validasi, tulis, ekspor) dan
# disalin ke versi perubahan RPJMD — satu daftar, dipakai di semua tempat itu.
MEDAN_INDIKATOR_RPJMD = (
    "nama",
    "satuan",
    "iku",
    "polaritas",
    "formula",
    "sumber_data",
    "kondisi_awal",
    "kondisi_awal_tahun",
    "kondisi_akhir",
    "catatan",
)


class IndikatorRPJMD(models.Model):
    """Indikator kinerja daerah (IKU Pemda) pada satu tujuan atau satu sasaran RPJMD."""

    rpjmd = models.ForeignKey(RPJMD, on_delete=models.CASCADE, related_name="indikator")
    tujuan = models.ForeignKey(
        TujuanRPJMD, null=True, blank=True, on_delete=models.CASCADE, related_name="indikator"
    )
    sasaran = models.ForeignKey(
        SasaranRPJMD, null=True, blank=True, on_delete=models.CASCADE, related_name="indikator"
    )
    kode = models.CharField("kode", max_length=60)
    nama = models.TextField("nama indikator")
    satuan = models.CharField("satuan", max_length=60, blank=True)
    iku = models.BooleanField("IKU Pemda", default=True)
    polaritas = models.CharField(
        "polaritas",
        max_length=10,
        choices=[(p.value, p.label) for p in Polaritas],
        default=Polaritas.NAIK.value,
    )
    formula = models.TextField("formula / penjelasan", blank=True)
    sumber_data = models.CharField("sumber data", max_length=255, blank=True)
    kondisi_awal = models.DecimalField("kondisi awal", **DEC, null=True, blank=True)
    kondisi_awal_tahun = models.PositiveSmallIntegerField(
        "tahun kondisi awal", null=True, blank=True
    )
    kondisi_akhir = models.DecimalField("kondisi akhir", **DEC, null=True, blank=True)
    catatan = models.TextField("catatan", blank=True)
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "Indikator RPJMD"
        verbose_name_plural = "Indikator RPJMD"
        ordering = ["rpjmd_id", "urutan", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["rpjmd", "kode"], name="indikator_rpjmd_kode_unik"),
            models.CheckConstraint(
                name="indikator_rpjmd_satu_pemilik",
                condition=Q(tujuan__isnull=False, sasaran__isnull=True)
                | Q(tujuan__isnull=True, sasaran__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        if bool(self.tujuan_id) == bool(self.sasaran_id):
            raise ValidationError("Indikator RPJMD melekat pada tepat satu tujuan atau sasaran.")


class TargetRPJMD(models.Model):
    indikator = models.ForeignKey(IndikatorRPJMD, on_delete=models.CASCADE, related_name="target")
    tahun = models.PositiveSmallIntegerField("tahun", validators=YEAR)
    nilai = models.DecimalField("target", **DEC)
    nilai_atas = models.DecimalField("batas atas (target rentang)", **DEC, null=True, blank=True)

    class Meta:
        verbose_name = "Target RPJMD"
        verbose_name_plural = "Target RPJMD"
        ordering = ["indikator_id", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="target_rpjmd_unik")
        ]

    def __str__(self) -> str:
        return f"{self.indikator} {self.tahun}: {self.nilai}"

    @property
    def as_target(self) -> Target:
        return Target(self.nilai, self.nilai_atas)

    def clean(self) -> None:
        if self.nilai_atas is not None and self.nilai is not None and self.nilai_atas < self.nilai:
            raise ValidationError(
                {"nilai_atas": "Batas atas rentang target lebih kecil dari batas bawahnya."}
            )


class RealisasiRPJMD(models.Model):
    """Realisasi tahunan indikator daerah, dengan sumbernya (mis. BPS)."""

    indikator = models.ForeignKey(
        IndikatorRPJMD, on_delete=models.CASCADE, related_name="realisasi"
    )
    tahun = models.PositiveSmallIntegerField("tahun", validators=YEAR)
    nilai = models.DecimalField("realisasi", **DEC)
    sumber = models.CharField("sumber", max_length=255, help_text="mis. BPS Kota Denpasar")
    catatan = models.TextField("catatan", blank=True)

    class Meta:
        verbose_name = "Realisasi RPJMD"
        verbose_name_plural = "Realisasi RPJMD"
        ordering = ["indikator_id", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="realisasi_rpjmd_unik")
        ]

    def __str__(self) -> str:
        return f"{self.indikator} {self.tahun}: {self.nilai}"


class ProgramRPJMD(models.Model):
    """Program pembangunan daerah dalam RPJMD, dengan sasaran yang didukungnya."""

    rpjmd = models.ForeignKey(RPJMD, on_delete=models.CASCADE, related_name="program")
    kode = models.CharField("kode", max_length=20)
    nama = models.CharField("nama", max_length=500)
    bidang_urusan = models.ForeignKey(
        Urusan,
        verbose_name="bidang urusan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="program_rpjmd",
    )
    sasaran = models.ManyToManyField(
        SasaranRPJMD, verbose_name="sasaran yang didukung", blank=True, related_name="program"
    )
    pagu_indikatif = models.DecimalField(
        "pagu indikatif (Rp)", max_digits=18, decimal_places=2, null=True, blank=True
    )
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "Program RPJMD"
        verbose_name_plural = "Program RPJMD"
        ordering = ["rpjmd_id", "kode"]
        constraints = [
            models.UniqueConstraint(fields=["rpjmd", "kode"], name="program_rpjmd_kode_unik")
        ]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"
