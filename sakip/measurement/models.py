"""Pengukuran: realisasi indikator per periode, dengan data hitungan mentah,
dan seri data pembanding (tahun-tahun sebelumnya, wilayah lain)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from sakip.core.capaian import rasio_persen
from sakip.organisations.models import PerangkatDaerah
from sakip.planning.models import DEC, YEAR, Berversi, Indikator
from sakip.workflow.models import DapatDisetujui, StatusAlur


class Periode(models.TextChoices):
    TW1 = "tw1", "Triwulan I"
    TW2 = "tw2", "Triwulan II"
    TW3 = "tw3", "Triwulan III"
    TW4 = "tw4", "Triwulan IV"
    TAHUNAN = "tahunan", "Tahunan"

    @classmethod
    def triwulan(cls, n: int) -> Periode:
        return cls(f"tw{n}")


class Realisasi(Berversi):
    """Realisasi satu indikator pada satu periode.

    Untuk indikator rumus, ``pembilang`` dan ``penyebut`` (hitungan mentah)
    disimpan dan ``nilai`` dikosongkan: persentasenya diturunkan
    (:attr:`nilai_efektif`). Untuk indikator lain ``nilai`` diisi langsung.
    """

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="realisasi")
    tahun = models.PositiveSmallIntegerField("tahun", validators=YEAR)
    periode = models.CharField(
        "periode", max_length=8, choices=Periode.choices, default=Periode.TAHUNAN
    )
    nilai = models.DecimalField("nilai", **DEC, null=True, blank=True)
    pembilang = models.DecimalField("pembilang", **DEC, null=True, blank=True)
    penyebut = models.DecimalField("penyebut", **DEC, null=True, blank=True)
    catatan = models.TextField("catatan", blank=True)
    bukti = models.TextField(
        "bukti dukung", blank=True, help_text="uraian atau tautan bukti dukung"
    )
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)

    class Meta:
        verbose_name = "Realisasi"
        verbose_name_plural = "Realisasi"
        ordering = ["indikator_id", "tahun", "periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["indikator", "tahun", "periode"], name="realisasi_unik"
            ),
            models.CheckConstraint(
                name="realisasi_hitungan_lengkap",
                condition=Q(pembilang__isnull=True, penyebut__isnull=True)
                | Q(pembilang__isnull=False, penyebut__isnull=False),
            ),
            models.CheckConstraint(
                name="realisasi_penyebut_tidak_negatif",
                condition=Q(penyebut__isnull=True) | Q(penyebut__gte=0),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator} {self.tahun} {self.get_periode_display()}"

    @property
    def nilai_efektif(self) -> Decimal | None:
        if self.pembilang is not None and self.penyebut is not None:
            hasil = rasio_persen(self.pembilang, self.penyebut)
            if hasil.nilai is None:
                return None
            return hasil.nilai * (self.indikator.pengali / Decimal(100))
        return self.nilai

    def clean(self) -> None:
        if (self.pembilang is None) != (self.penyebut is None):
            raise ValidationError("Pembilang dan penyebut harus diisi bersama.")
        if self.pembilang is not None and self.nilai is not None:
            raise ValidationError(
                {"nilai": "Nilai diturunkan dari pembilang/penyebut; jangan diisi juga."}
            )


class SeriData(models.Model):
    """Seri data pendukung: tabel data umum (jumlah perusahaan, UMK) atau
    pembanding antarwilayah (TPAK kabupaten/kota se-provinsi)."""

    opd = models.ForeignKey(
        PerangkatDaerah,
        verbose_name="Perangkat Daerah",
        on_delete=models.CASCADE,
        related_name="seri_data",
    )
    kode = models.SlugField("kode", max_length=80)
    nama = models.CharField("nama", max_length=255)
    satuan = models.CharField("satuan", max_length=60, blank=True)
    sumber = models.CharField("sumber", max_length=255, blank=True)
    indikator = models.ForeignKey(
        Indikator, null=True, blank=True, on_delete=models.SET_NULL, related_name="seri_data"
    )
    catatan = models.TextField("catatan", blank=True)

    class Meta:
        verbose_name = "Seri data"
        verbose_name_plural = "Seri data"
        ordering = ["opd_id", "kode"]
        constraints = [models.UniqueConstraint(fields=["opd", "kode"], name="seri_data_unik")]

    def __str__(self) -> str:
        return self.nama


class NilaiSeri(models.Model):
    seri = models.ForeignKey(SeriData, on_delete=models.CASCADE, related_name="nilai")
    wilayah = models.CharField(
        "wilayah", max_length=120, blank=True, help_text="kosong = wilayah OPD sendiri"
    )
    tahun = models.PositiveSmallIntegerField("tahun", validators=YEAR)
    nilai = models.DecimalField("nilai", **DEC)
    agregat = models.BooleanField("baris jumlah/provinsi", default=False)
    urutan = models.PositiveIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "Nilai seri data"
        verbose_name_plural = "Nilai seri data"
        ordering = ["seri_id", "urutan", "wilayah", "tahun"]
        constraints = [
            models.UniqueConstraint(fields=["seri", "wilayah", "tahun"], name="nilai_seri_unik")
        ]

    def __str__(self) -> str:
        return f"{self.seri} {self.wilayah} {self.tahun}: {self.nilai}".replace("  ", " ")


def _path_bukti(instance, filename: str) -> str:
    import uuid

    return f"bukti/{instance.realisasi.indikator.opd_id}/{instance.realisasi.tahun}/{uuid.uuid4().hex}.{instance.jenis}"


class BuktiDukung(models.Model):
    """Bukti dukung realisasi: berkas (diperiksa isinya) atau tautan. Berkas yang diganti tetap tersimpan."""

    realisasi = models.ForeignKey(Realisasi, on_delete=models.CASCADE, related_name="bukti_dukung")
    berkas = models.FileField("berkas", upload_to=_path_bukti, blank=True)
    tautan = models.URLField("tautan", blank=True)
    nama = models.CharField("nama asli berkas / keterangan", max_length=255)
    jenis = models.CharField("jenis", max_length=8, blank=True)
    ukuran = models.PositiveIntegerField("ukuran (bita)", default=0)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    diunggah_pada = models.DateTimeField("diunggah pada", auto_now_add=True)
    diganti_oleh = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="menggantikan"
    )
    alasan_ganti = models.TextField("alasan penggantian", blank=True)

    class Meta:
        verbose_name = "Bukti dukung"
        verbose_name_plural = "Bukti dukung"
        ordering = ["realisasi_id", "-diunggah_pada"]

    def __str__(self) -> str:
        return self.nama

    @property
    def aktif(self) -> bool:
        return self.diganti_oleh_id is None


class PersetujuanRealisasi(DapatDisetujui):
    """Alur realisasi satu triwulan: draf → diajukan → disetujui (terkunci) / dikembalikan.

    Alurnya dideklarasikan di :mod:`sakip.measurement.alur`; koreksi sesudah disetujui membuka
    kembali triwulan sebagai draf (:func:`sakip.measurement.entry.simpan_triwulan`)."""

    Status = StatusAlur

    opd = models.ForeignKey(
        PerangkatDaerah, on_delete=models.CASCADE, related_name="persetujuan_realisasi"
    )
    tahun = models.PositiveSmallIntegerField("tahun", validators=YEAR)
    triwulan = models.PositiveSmallIntegerField("triwulan")
    diubah_pada = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "Persetujuan realisasi triwulan"
        verbose_name_plural = "Persetujuan realisasi triwulan"
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun", "triwulan"], name="persetujuan_realisasi_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.opd} {self.tahun} TW {self.triwulan}: {self.get_status_display()}"


class KoreksiRealisasi(models.Model):
    """Perubahan realisasi setelah disetujui: nilai lama tetap terbaca, dengan alasannya."""

    realisasi = models.ForeignKey(Realisasi, on_delete=models.CASCADE, related_name="koreksi")
    nilai_lama = models.JSONField("nilai lama")
    nilai_baru = models.JSONField("nilai baru")
    alasan = models.TextField("alasan koreksi")
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    pada = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Koreksi realisasi"
        verbose_name_plural = "Koreksi realisasi"
        ordering = ["realisasi_id", "-pada"]

    def __str__(self) -> str:
        return f"Koreksi {self.realisasi}"


class RingkasanCapaian(models.Model):
    """Hasil pengukuran satu indikator pada satu tahun, disimpan (seperti tabel analitik DHIS2).

    Dihitung oleh inti yang sama dengan halaman (``sakip.core``) lalu disimpan, sehingga peringkat
    OPD se-Pemda dan se-Indonesia dihitung oleh basis data (GROUP BY + RANK() OVER), bukan
    perulangan Python. Diperbarui otomatis: setiap perubahan data menandai OPD-tahun itu
    kedaluwarsa (:class:`CapaianKedaluwarsa`) dalam transaksi yang sama, dan pembaca
    menghitung ulang yang kedaluwarsa sebelum membaca (lihat ``measurement/ringkasan.py``)."""

    indikator = models.ForeignKey(Indikator, on_delete=models.CASCADE, related_name="+")
    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="+")
    pemda = models.ForeignKey("organisations.Pemda", on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField("tahun", validators=YEAR)
    iku = models.BooleanField("IKU", default=False)
    target = models.DecimalField("target", **DEC, null=True)
    realisasi = models.DecimalField("realisasi", **DEC, null=True)
    # presisi lebih dari DEC agar rata-rata di SQL sama dengan rata-rata nilai penuh inti
    capaian = models.DecimalField("capaian (%)", max_digits=28, decimal_places=12, null=True)
    predikat = models.CharField("predikat", max_length=40, blank=True)

    class Meta:
        verbose_name = "Ringkasan capaian"
        verbose_name_plural = "Ringkasan capaian"
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="ringkasan_unik")
        ]
        indexes = [
            models.Index(fields=["tahun", "pemda", "opd"], name="ringkasan_tahun_pemda"),
            models.Index(fields=["opd", "tahun"], name="ringkasan_opd_tahun"),
        ]

    def __str__(self) -> str:
        return f"{self.indikator_id} {self.tahun}: {self.capaian}"


class RingkasanOpd(models.Model):
    """Satu baris per OPD-tahun (dua: IKU saja dan semua indikator), dihitung bersama
    :class:`RingkasanCapaian` dari baris yang sama. Peringkat se-Indonesia membaca satu baris per
    OPD, bukan semua indikatornya."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="+")
    pemda = models.ForeignKey("organisations.Pemda", on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField("tahun", validators=YEAR)
    iku = models.BooleanField("hanya IKU")
    jumlah = models.PositiveIntegerField("indikator")
    terukur = models.PositiveIntegerField("punya capaian")
    tercapai = models.PositiveIntegerField("capaian ≥ 100")
    belum = models.PositiveIntegerField("tanpa realisasi")
    total_capaian = models.DecimalField(
        "jumlah capaian", max_digits=34, decimal_places=12, null=True
    )
    rata = models.DecimalField("rata-rata capaian", max_digits=28, decimal_places=12, null=True)

    class Meta:
        verbose_name = "Ringkasan OPD"
        verbose_name_plural = "Ringkasan OPD"
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "iku"], name="ringkasan_opd_unik")
        ]
        indexes = [models.Index(fields=["tahun", "iku", "pemda"], name="ringkasan_opd_peringkat")]

    def __str__(self) -> str:
        return f"{self.opd_id} {self.tahun} {'IKU' if self.iku else 'semua'}"


class CapaianKedaluwarsa(models.Model):
    """Penanda OPD-tahun yang ringkasan capaiannya perlu dihitung ulang (tahun 0 = semua tahun)."""

    opd = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="+")
    tahun = models.PositiveSmallIntegerField("tahun (0 = semua)")

    class Meta:
        verbose_name = "Capaian kedaluwarsa"
        verbose_name_plural = "Capaian kedaluwarsa"
        constraints = [models.UniqueConstraint(fields=["opd", "tahun"], name="kedaluwarsa_unik")]

    def __str__(self) -> str:
        return f"{self.opd_id} {self.tahun or 'semua'}"
