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
        ordering = ["opd_id", "tahun", "urutan"]
        indexes = [models.Index(fields=["opd", "tahun", "objek"])]

    def __str__(self) -> str:
        return f"{self.lokasi}: {self.objek} {self.atribut} = {self.teks}"


class TemuanReviu(models.Model):
    """Temuan reviu yang disimpan, dengan status tindak lanjut yang dikelola Inspektorat.

    ``sidik`` mengenali temuan yang sama antar-jalannya reviu, sehingga status dan tanggapan
    tidak hilang saat reviu dijalankan ulang.
    """

    class Status(models.TextChoices):
        TERBUKA = "terbuka", "Terbuka"
        DITINDAKLANJUTI = "ditindaklanjuti", "Ditindaklanjuti"
        DITERIMA = "diterima", "Diterima"

    opd = models.ForeignKey(
        PerangkatDaerah,
        verbose_name="Perangkat Daerah",
        on_delete=models.CASCADE,
        related_name="temuan_reviu",
    )
    tahun = models.PositiveSmallIntegerField("tahun", validators=YEAR)
    sidik = models.CharField("sidik", max_length=40)
    aturan = models.CharField("aturan", max_length=12)
    tingkat = models.CharField("tingkat", max_length=12)
    kategori = models.CharField("kategori", max_length=40)
    judul = models.CharField("judul", max_length=200)
    lokasi = models.CharField("letak", max_length=500)
    objek = models.CharField("objek", max_length=500)
    tercetak = models.TextField("tercetak", blank=True)
    dihitung = models.CharField("menurut data", max_length=200, blank=True)
    pesan = models.TextField("uraian")
    status = models.CharField(
        "status", max_length=16, choices=Status.choices, default=Status.TERBUKA
    )
    tanggapan = models.TextField("tanggapan / tindak lanjut", blank=True)
    masih_berlaku = models.BooleanField("masih ditemukan pada reviu terakhir", default=True)
    diubah_oleh = models.ForeignKey(
        "auth.User",
        verbose_name="diubah oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)
    # "data": reviu atas data OPD-tahun di sakip; "laporan:<id>": reviu atas laporan tercetak
    # yang diunggah (LaporanTercetak), angka-angkanya dibandingkan dengan angka laporan itu sendiri
    sumber = models.CharField("sumber", max_length=30, default="data")

    class Meta:
        verbose_name = "Temuan reviu"
        verbose_name_plural = "Temuan reviu"
        ordering = ["opd_id", "tahun", "id"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "sidik"], name="temuan_reviu_unik")
        ]

    def __str__(self) -> str:
        return f"{self.aturan} {self.objek}"


class JalannyaReviu(models.Model):
    """Satu kali reviu dijalankan (juga yang tanpa temuan): kapan, oleh siapa, berapa temuan."""

    opd = models.ForeignKey(
        PerangkatDaerah,
        verbose_name="Perangkat Daerah",
        on_delete=models.CASCADE,
        related_name="jalannya_reviu",
    )
    tahun = models.PositiveSmallIntegerField("tahun", validators=YEAR)
    waktu = models.DateTimeField("waktu", auto_now_add=True)
    oleh = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    jumlah_temuan = models.PositiveIntegerField("jumlah temuan", default=0)
    kritis = models.PositiveIntegerField("temuan kritis", default=0)

    class Meta:
        verbose_name = "Jalannya reviu"
        verbose_name_plural = "Jalannya reviu"
        ordering = ["opd_id", "tahun", "waktu"]

    def __str__(self) -> str:
        return f"Reviu {self.opd} {self.tahun} {self.waktu:%d/%m/%Y}"


def _path_laporan(instance, filename: str) -> str:
    import uuid

    akhiran = {"pdf": "pdf", "docx": "docx"}.get(instance.jenis, "txt")
    return f"laporan-tercetak/{instance.opd_id}/{instance.tahun}/{uuid.uuid4().hex}.{akhiran}"


class LaporanTercetak(models.Model):
    """Laporan kinerja tercetak (PDF, DOCX, teks) yang diunggah Inspektorat untuk direviu — atau
    perencana OPD untuk memulai rencananya dari dokumen tahun lalu (``tujuan``): berkas
    aslinya, draf hasil bacaan (berkas OPD-tahun YAML, dengan koreksi sel oleh Inspektorat),
    laporan pembacaannya, dan catatan setiap koreksi."""

    opd = models.ForeignKey(
        PerangkatDaerah,
        verbose_name="Perangkat Daerah",
        on_delete=models.CASCADE,
        related_name="laporan_tercetak",
    )
    tahun = models.PositiveSmallIntegerField("tahun laporan", validators=YEAR)
    nama = models.CharField("nama berkas", max_length=255)
    jenis = models.CharField("jenis", max_length=8)  # pdf | docx | teks

    class Tujuan(models.TextChoices):
        REVIU = "reviu", "Reviu Inspektorat"
        RENCANA = "rencana", "Awal rencana OPD"

    tujuan = models.CharField(
        "tujuan",
        max_length=8,
        choices=Tujuan.choices,
        default=Tujuan.REVIU,
        help_text="reviu: diunggah Inspektorat; rencana: diunggah perencana untuk memulai rencana OPD",
    )
    halaman = models.PositiveIntegerField("jumlah halaman", null=True, blank=True)
    berkas = models.FileField("berkas", upload_to=_path_laporan)
    draf = models.TextField("draf (YAML)")
    dibaca = models.JSONField("yang dibaca", default=list)
    tidak_terbaca = models.JSONField("yang tidak dapat ditempatkan", default=list)
    berselisih = models.JSONField("angka tercetak yang berselisih", default=list)
    koreksi = models.JSONField("koreksi sel", default=list)
    diunggah_oleh = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diunggah_pada = models.DateTimeField("diunggah pada", auto_now_add=True)
    direviu_pada = models.DateTimeField("direviu pada", null=True, blank=True)

    class Meta:
        verbose_name = "Laporan tercetak"
        verbose_name_plural = "Laporan tercetak"
        ordering = ["opd_id", "tahun", "-diunggah_pada"]

    def __str__(self) -> str:
        return f"{self.nama} ({self.opd} {self.tahun})"

    @property
    def sumber(self) -> str:
        return f"laporan:{self.pk}"


class PernyataanReviu(models.Model):
    """Pernyataan Telah Direviu yang ditandatangani Inspektur atas LKjIP satu OPD-tahun
    (PermenPAN-RB 53/2014, pedoman reviu): siapa, kapan, dan temuan saat menandatangani.
    Menandatangani ulang (mis. sesudah reviu ulang) memperbarui pernyataan itu; riwayatnya di jejak
    audit."""

    opd = models.ForeignKey(
        PerangkatDaerah,
        verbose_name="Perangkat Daerah",
        on_delete=models.CASCADE,
        related_name="pernyataan_reviu",
    )
    tahun = models.PositiveSmallIntegerField("tahun", validators=YEAR)
    tanggal = models.DateField("tanggal pernyataan")
    nomor = models.CharField("nomor", max_length=120, blank=True)
    jabatan = models.CharField("jabatan penanda tangan", max_length=200)
    nama = models.CharField("nama Inspektur", max_length=200)
    pangkat = models.CharField("pangkat/golongan", max_length=120, blank=True)
    nip = models.CharField("NIP", max_length=30, blank=True)
    jumlah_temuan = models.PositiveIntegerField("temuan saat ditandatangani", default=0)
    ditandatangani_oleh = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField("dicatat pada", auto_now=True)

    class Meta:
        verbose_name = "Pernyataan telah direviu"
        verbose_name_plural = "Pernyataan telah direviu"
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun"], name="pernyataan_reviu_unik")
        ]

    def __str__(self) -> str:
        return f"Pernyataan telah direviu {self.opd} {self.tahun} ({self.tanggal:%d/%m/%Y})"
