"""Pemda, Perangkat Daerah (OPD), urusan pemerintahan, dan peran pengguna."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from sakip.core.capaian import MetodeTurun
from sakip.core.predikat import PRESETS, SkalaPredikat


def default_skala() -> dict:
    return PRESETS["permendagri-86-2017"].to_dict()


class Pemda(models.Model):
    class Jenis(models.TextChoices):
        PROVINSI = "provinsi", "Provinsi"
        KABUPATEN = "kabupaten", "Kabupaten"
        KOTA = "kota", "Kota"

    slug = models.SlugField("slug", max_length=80, unique=True)
    nama = models.CharField("nama", max_length=200, help_text="mis. Kota Denpasar")
    jenis = models.CharField("jenis", max_length=20, choices=Jenis.choices)
    provinsi = models.CharField("provinsi", max_length=100, blank=True)
    ibukota = models.CharField(
        "ibu kota",
        max_length=100,
        blank=True,
        help_text="tempat penandatanganan dokumen, mis. Semarapura",
    )
    jabatan_kepala_daerah = models.CharField(
        "jabatan kepala daerah",
        max_length=60,
        blank=True,
        help_text="Gubernur, Bupati atau Wali Kota",
    )
    kepala_daerah_nama = models.CharField(
        "nama kepala daerah",
        max_length=200,
        blank=True,
        help_text="penanda tangan PK dan LKjIP Pemda",
    )
    metode_turun = models.CharField(
        "rumus capaian indikator menurun",
        max_length=20,
        choices=[(m.value, m.label) for m in MetodeTurun],
        default=MetodeTurun.PERMENPAN.value,
    )
    skala_predikat = models.JSONField("skala predikat", default=default_skala)
    skala_predikat_turun = models.JSONField(
        "skala predikat indikator menurun",
        null=True,
        blank=True,
        help_text="kosongkan bila sama dengan skala umum",
    )
    batas_capaian_maks = models.DecimalField(
        "batas atas capaian (%)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="kosongkan bila capaian tidak dibatasi",
    )

    class Meta:
        verbose_name = "Pemda"
        verbose_name_plural = "Pemda"
        ordering = ["nama"]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        for field in ("skala_predikat", "skala_predikat_turun"):
            value = getattr(self, field)
            if value:
                try:
                    SkalaPredikat.from_dict(value)
                except ValueError as exc:
                    raise ValidationError({field: str(exc)}) from exc

    def skala(self, turun: bool = False) -> SkalaPredikat:
        if turun and self.skala_predikat_turun:
            return SkalaPredikat.from_dict(self.skala_predikat_turun)
        return SkalaPredikat.from_dict(self.skala_predikat or default_skala())


class Urusan(models.Model):
    """Urusan (kode ``2``) atau bidang urusan (kode ``2.07``) pemerintahan."""

    kode = models.CharField("kode", max_length=10, unique=True)
    nama = models.CharField("nama", max_length=255)
    induk = models.ForeignKey(
        "self",
        verbose_name="urusan induk",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bidang",
    )

    class Meta:
        verbose_name = "Urusan / Bidang Urusan"
        verbose_name_plural = "Urusan / Bidang Urusan"
        ordering = ["kode"]

    def __str__(self) -> str:
        return f"{self.kode} {self.nama}"


class PerangkatDaerah(models.Model):
    pemda = models.ForeignKey(
        Pemda, verbose_name="Pemda", on_delete=models.PROTECT, related_name="opd"
    )
    slug = models.SlugField("slug", max_length=80, unique=True)
    nama = models.CharField("nama", max_length=255)
    singkatan = models.CharField("singkatan", max_length=60, blank=True)
    alamat = models.TextField("alamat", blank=True)
    urusan = models.ManyToManyField(Urusan, verbose_name="urusan", blank=True, related_name="opd")
    kepala_nama = models.CharField("nama kepala", max_length=200, blank=True)
    kepala_pangkat = models.CharField("pangkat/golongan kepala", max_length=120, blank=True)
    kepala_nip = models.CharField("NIP kepala", max_length=30, blank=True)

    class Meta:
        verbose_name = "Perangkat Daerah"
        verbose_name_plural = "Perangkat Daerah"
        ordering = ["pemda_id", "nama"]

    def __str__(self) -> str:
        return self.nama


class Jabatan(models.Model):
    """Satu jabatan dalam struktur OPD (Kepala, Sekretaris, Kepala Bidang, Kepala Seksi…) dan
    pemegangnya. Pohon kinerja OPD mengikuti atasan-bawahan jabatan ini; Perjanjian Kinerja
    jabatan di bawah kepala ditandatangani bersama atasannya."""

    class Jenis(models.TextChoices):
        KEPALA = "kepala", "Kepala Perangkat Daerah"
        SEKRETARIS = "sekretaris", "Sekretaris"
        KEPALA_BIDANG = "kepala_bidang", "Kepala Bidang"
        KEPALA_SUBBAGIAN = "kepala_subbagian", "Kepala Subbagian"
        KEPALA_SEKSI = "kepala_seksi", "Kepala Seksi"
        KEPALA_UPTD = "kepala_uptd", "Kepala UPTD"
        FUNGSIONAL = "fungsional", "Jabatan Fungsional"

    opd = models.ForeignKey(
        PerangkatDaerah,
        verbose_name="Perangkat Daerah",
        on_delete=models.CASCADE,
        related_name="jabatan",
    )
    kode = models.SlugField("kode", max_length=60, help_text="mis. kabid-penempatan")
    nama = models.CharField(
        "nama jabatan", max_length=255, help_text="mis. Kepala Bidang Penempatan Tenaga Kerja"
    )
    jenis = models.CharField("jenis", max_length=20, choices=Jenis.choices)
    atasan = models.ForeignKey(
        "self",
        verbose_name="atasan langsung",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bawahan",
    )
    pemegang_nama = models.CharField("nama pemegang", max_length=200, blank=True)
    pemegang_pangkat = models.CharField("pangkat/golongan", max_length=120, blank=True)
    pemegang_nip = models.CharField("NIP", max_length=30, blank=True)
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "Jabatan"
        verbose_name_plural = "Jabatan"
        ordering = ["opd_id", "urutan", "kode"]
        constraints = [models.UniqueConstraint(fields=["opd", "kode"], name="jabatan_kode_unik")]

    def __str__(self) -> str:
        return self.nama

    def clean(self) -> None:
        if self.atasan_id is None and self.jenis != self.Jenis.KEPALA:
            raise ValidationError({"atasan": "Jabatan selain kepala OPD harus punya atasan."})
        if self.atasan_id is not None:
            if self.atasan.opd_id != self.opd_id:
                raise ValidationError({"atasan": "Atasan harus jabatan pada OPD yang sama."})
            seen, cur = {self.pk}, self.atasan
            while cur is not None:
                if cur.pk in seen:
                    raise ValidationError({"atasan": "Atasan ini membuat struktur berputar."})
                seen.add(cur.pk)
                cur = cur.atasan


class Peran(models.TextChoices):
    ADMIN_PEMDA = "admin_pemda", "Admin Pemda"
    OPERATOR_OPD = "operator_opd", "Operator OPD"
    KEPALA_OPD = "kepala_opd", "Kepala OPD"
    INSPEKTORAT = "inspektorat", "Inspektorat"
    PEJABAT = "pejabat", "Pejabat (Kepala Bidang/Seksi)"


class Keanggotaan(models.Model):
    """Peran seorang pengguna pada satu Pemda (dan, untuk peran OPD, satu OPD)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pengguna",
        on_delete=models.CASCADE,
        related_name="keanggotaan",
    )
    peran = models.CharField("peran", max_length=20, choices=Peran.choices)
    pemda = models.ForeignKey(
        Pemda, verbose_name="Pemda", on_delete=models.CASCADE, related_name="anggota"
    )
    opd = models.ForeignKey(
        PerangkatDaerah,
        verbose_name="Perangkat Daerah",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="anggota",
    )
    jabatan = models.ForeignKey(
        Jabatan,
        verbose_name="jabatan",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="anggota",
        help_text="untuk peran Pejabat: cabang pohon kinerja yang diisinya",
    )

    class Meta:
        verbose_name = "Peran pengguna"
        verbose_name_plural = "Peran pengguna"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "peran", "pemda", "opd"], name="keanggotaan_unik"
            ),
        ]

    def __str__(self) -> str:
        where = self.opd or self.pemda
        return f"{self.user} — {self.get_peran_display()} ({where})"

    def clean(self) -> None:
        needs_opd = self.peran in (Peran.OPERATOR_OPD, Peran.KEPALA_OPD, Peran.PEJABAT)
        if needs_opd and self.opd_id is None:
            raise ValidationError({"opd": "Peran ini harus terikat pada satu Perangkat Daerah."})
        if self.opd_id and self.opd.pemda_id != self.pemda_id:
            raise ValidationError({"opd": "Perangkat Daerah ini bukan milik Pemda yang dipilih."})
        if self.peran == Peran.PEJABAT and self.jabatan_id is None:
            raise ValidationError({"jabatan": "Peran Pejabat harus terikat pada satu jabatan."})
        if self.jabatan_id and self.jabatan.opd_id != self.opd_id:
            raise ValidationError({"jabatan": "Jabatan ini bukan jabatan pada OPD yang dipilih."})


class TokenApi(models.Model):
    """Token API milik seorang pengguna. Hanya sidik (SHA-256) yang disimpan; token asli ditampilkan sekali."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pengguna",
        on_delete=models.CASCADE,
        related_name="token_api",
    )
    nama = models.CharField("nama/keperluan", max_length=100)
    sidik = models.CharField("sidik", max_length=64, unique=True)
    awalan = models.CharField("awalan", max_length=8)
    dibuat = models.DateTimeField("dibuat", auto_now_add=True)
    terakhir_dipakai = models.DateTimeField("terakhir dipakai", null=True, blank=True)
    aktif = models.BooleanField("aktif", default=True)

    class Meta:
        verbose_name = "Token API"
        verbose_name_plural = "Token API"

    def __str__(self) -> str:
        return f"{self.awalan}… ({self.nama}, {self.user})"

    @staticmethod
    def hash(token: str) -> str:
        import hashlib

        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def buat(cls, user, nama: str) -> tuple[TokenApi, str]:
        import secrets

        token = "sakip_" + secrets.token_urlsafe(32)
        return cls.objects.create(
            user=user, nama=nama, sidik=cls.hash(token), awalan=token[6:12]
        ), token
