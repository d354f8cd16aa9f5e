"""Evaluasi AKIP: templat LKE berversi, evaluasi per OPD-tahun (berversi), jawaban per kriteria,
bukti, rekomendasi dan tindak lanjutnya."""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.db import models

from sakip.core.lke import Templat, baca_templat
from sakip.organisations.models import Pemda, PerangkatDaerah
from sakip.planning.models import YEAR
from sakip.workflow.models import DapatDisetujui, StatusAlur


class TemplatLKE(models.Model):
    """Satu versi templat LKE. ``pemda`` kosong: templat bawaan sakip (berkas di repo)."""

    kode = models.CharField("kode", max_length=60)
    versi = models.PositiveIntegerField("versi")
    nama = models.CharField("nama", max_length=255)
    pemda = models.ForeignKey(
        Pemda,
        verbose_name="Pemda",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="templat_lke",
    )
    isi = models.JSONField("isi templat")
    catatan = models.TextField("catatan perubahan", blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dibuat_pada = models.DateTimeField("dibuat pada", auto_now_add=True)

    class Meta:
        verbose_name = "Templat LKE"
        verbose_name_plural = "Templat LKE"
        ordering = ["kode", "versi"]
        constraints = [
            models.UniqueConstraint(fields=["kode", "versi"], name="templat_lke_versi_unik")
        ]

    def __str__(self) -> str:
        return f"{self.nama} (versi {self.versi})"

    @cached_property
    def templat(self) -> Templat:
        return baca_templat(self.isi)


# nama status alur bagi evaluasi: "disetujui" berarti final dan terkunci
TAHAP = {
    StatusAlur.DRAFT: "penilaian mandiri OPD",
    StatusAlur.DIAJUKAN: "dievaluasi Inspektorat",
    StatusAlur.DISETUJUI: "final",
    StatusAlur.DIKEMBALIKAN: "dikembalikan ke OPD",
}
# evaluasi tingkat Pemda: penilaian mandiri dikoordinasikan Bagian Organisasi (Admin Pemda), dinilai
# evaluator nasional (Kementerian PANRB) yang hasilnya dicatat Admin Pemda dari LHE-nya
TAHAP_PEMDA = {
    StatusAlur.DRAFT: "penilaian mandiri Pemda",
    StatusAlur.DIAJUKAN: "dievaluasi Kementerian PANRB",
    StatusAlur.DISETUJUI: "final",
    StatusAlur.DIKEMBALIKAN: "dikembalikan untuk diperbaiki",
}


class Evaluasi(DapatDisetujui):
    """Evaluasi AKIP satu OPD-tahun, atau Pemda itu sendiri (``opd`` kosong). Alur (:mod:`.alur`):
    draf (penilaian mandiri) → diajukan (dievaluasi Inspektorat; untuk Pemda: Kementerian PANRB,
    hasilnya dicatat Admin Pemda) → disetujui = final dan terkunci; dikembalikan dengan alasan.
    Koreksi sesudah final: versi baru dengan alasan; versi lama tetap terbaca."""

    Status = StatusAlur

    pemda = models.ForeignKey(
        Pemda, verbose_name="Pemda", on_delete=models.CASCADE, related_name="evaluasi"
    )
    opd = models.ForeignKey(
        PerangkatDaerah,
        verbose_name="Perangkat Daerah",
        on_delete=models.CASCADE,
        related_name="evaluasi",
        null=True,
        blank=True,
        help_text="kosong: evaluasi AKIP Pemda itu sendiri",
    )
    tahun = models.PositiveSmallIntegerField("tahun yang dievaluasi", validators=YEAR)
    versi = models.PositiveSmallIntegerField("versi", default=1)
    alasan_versi = models.TextField("alasan koreksi (versi baru)", blank=True)
    templat = models.ForeignKey(
        TemplatLKE, verbose_name="templat LKE", on_delete=models.PROTECT, related_name="evaluasi"
    )
    nilai = models.DecimalField(
        "nilai akhir", max_digits=7, decimal_places=4, null=True, blank=True
    )
    predikat = models.CharField("predikat", max_length=4, blank=True)
    ringkasan = models.TextField("ringkasan hasil evaluasi (LHE)", blank=True)
    nomor_lhe = models.CharField("nomor LHE", max_length=120, blank=True)
    tanggal_lhe = models.DateField("tanggal LHE", null=True, blank=True)
    inspektur_nama = models.CharField("nama Inspektur", max_length=200, blank=True)
    inspektur_pangkat = models.CharField("pangkat/golongan Inspektur", max_length=120, blank=True)
    inspektur_nip = models.CharField("NIP Inspektur", max_length=30, blank=True)

    class Meta:
        verbose_name = "Evaluasi AKIP"
        verbose_name_plural = "Evaluasi AKIP"
        ordering = ["pemda_id", "opd_id", "tahun", "versi"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "tahun", "versi"],
                condition=models.Q(opd__isnull=False),
                name="evaluasi_versi_unik",
            ),
            models.UniqueConstraint(
                fields=["pemda", "tahun", "versi"],
                condition=models.Q(opd__isnull=True),
                name="evaluasi_pemda_versi_unik",
            ),
        ]

    def __str__(self) -> str:
        v = f" versi {self.versi}" if self.versi > 1 else ""
        return f"Evaluasi AKIP {self.nama_unit} {self.tahun}{v}"

    def save(self, *args, **kwargs):
        if self.opd_id and not self.pemda_id:
            self.pemda_id = self.opd.pemda_id
        super().save(*args, **kwargs)

    @property
    def tingkat_pemda(self) -> bool:
        """Evaluasi Pemda itu sendiri (bukan satu OPD-nya)."""
        return self.opd_id is None

    @property
    def unit(self) -> PerangkatDaerah | Pemda:
        """Yang dievaluasi: OPD, atau Pemda untuk evaluasi tingkat Pemda (untuk pemeriksaan akses)."""
        return self.pemda if self.opd_id is None else self.opd

    @property
    def nama_unit(self) -> str:
        return self.pemda.nama if self.opd_id is None else self.opd.nama

    @property
    def final(self) -> bool:
        return self.status == StatusAlur.DISETUJUI

    @property
    def tahap(self) -> str:
        """Tahap evaluasi dalam kata-kata pengguna (bukan nama status alur yang umum)."""
        return (TAHAP_PEMDA if self.tingkat_pemda else TAHAP).get(self.status, self.status)


class Sumber(models.TextChoices):
    OTOMATIS = "otomatis", "otomatis (dari data sakip)"
    MANDIRI = "mandiri", "penilaian mandiri OPD"
    EVALUATOR = "evaluator", "evaluator (Inspektorat)"


class JawabanKriteria(models.Model):
    """Jawaban satu kriteria: usulan otomatis (dengan alasan dan tautan buktinya), jawaban mandiri
    OPD, jawaban evaluator. Jawaban yang berlaku: evaluator, bila tidak mandiri, bila tidak otomatis.
    Semua tetap tersimpan; evaluator yang mengubah usulan otomatis menuliskan alasannya."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="jawaban")
    kriteria = models.CharField("kode kriteria", max_length=20)
    urutan = models.PositiveIntegerField("urutan", default=0)
    otomatis = models.CharField("usulan otomatis", max_length=4, blank=True)
    otomatis_cek = models.CharField("pemeriksaan", max_length=40, blank=True)
    otomatis_alasan = models.TextField("alasan usulan otomatis", blank=True)
    otomatis_bukti = models.JSONField("tautan bukti usulan", default=list, blank=True)
    mandiri = models.CharField("jawaban mandiri", max_length=4, blank=True)
    mandiri_catatan = models.TextField("catatan mandiri", blank=True)
    evaluator = models.CharField("jawaban evaluator", max_length=4, blank=True)
    evaluator_catatan = models.TextField("catatan evaluator", blank=True)
    alasan_ubah = models.TextField("alasan mengubah usulan otomatis", blank=True)
    rekomendasi = models.TextField("rekomendasi", blank=True)

    class Meta:
        verbose_name = "Jawaban kriteria LKE"
        verbose_name_plural = "Jawaban kriteria LKE"
        ordering = ["evaluasi_id", "urutan"]
        constraints = [
            models.UniqueConstraint(fields=["evaluasi", "kriteria"], name="jawaban_kriteria_unik")
        ]

    def __str__(self) -> str:
        return f"Jawaban kriteria {self.kriteria} (evaluasi #{self.evaluasi_id})"

    @property
    def akhir(self) -> str:
        return self.evaluator or self.mandiri or self.otomatis

    @property
    def sumber(self) -> str:
        if self.evaluator:
            return Sumber.EVALUATOR
        if self.mandiri:
            return Sumber.MANDIRI
        return Sumber.OTOMATIS if self.otomatis else ""

    @property
    def diubah_dari_otomatis(self) -> bool:
        return bool(self.otomatis and self.evaluator and self.evaluator != self.otomatis)


def _path_bukti(instance, filename: str) -> str:
    import uuid

    ev = instance.jawaban.evaluasi
    return f"bukti-evaluasi/{ev.opd_id}/{ev.tahun}/{uuid.uuid4().hex}.{instance.jenis}"


class BuktiKriteria(models.Model):
    """Bukti penilaian mandiri satu kriteria: berkas (diperiksa isinya seperti bukti dukung
    realisasi) atau tautan."""

    jawaban = models.ForeignKey(JawabanKriteria, on_delete=models.CASCADE, related_name="bukti")
    berkas = models.FileField("berkas", upload_to=_path_bukti, blank=True)
    tautan = models.URLField("tautan", blank=True)
    nama = models.CharField("nama asli berkas / keterangan", max_length=255)
    jenis = models.CharField("jenis", max_length=8, blank=True)
    ukuran = models.PositiveIntegerField("ukuran (bita)", default=0)
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    diunggah_pada = models.DateTimeField("diunggah pada", auto_now_add=True)

    class Meta:
        verbose_name = "Bukti kriteria LKE"
        verbose_name_plural = "Bukti kriteria LKE"
        ordering = ["jawaban_id", "diunggah_pada"]

    def __str__(self) -> str:
        return self.nama


class Rekomendasi(models.Model):
    """Rekomendasi evaluator (per kriteria atau umum) dan tindak lanjutnya oleh OPD."""

    class Status(models.TextChoices):
        BELUM = "belum", "Belum ditindaklanjuti"
        PROSES = "proses", "Dalam proses"
        SELESAI = "selesai", "Selesai"

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="rekomendasi_set")
    kriteria = models.CharField("kode kriteria", max_length=20, blank=True)
    komponen = models.CharField("komponen", max_length=20, blank=True)
    teks = models.TextField("rekomendasi")
    urutan = models.PositiveIntegerField("urutan", default=0)
    status = models.CharField(
        "status tindak lanjut", max_length=10, choices=Status.choices, default=Status.BELUM
    )
    tindak_lanjut = models.TextField("uraian tindak lanjut", blank=True)
    tautan_bukti = models.URLField("tautan bukti tindak lanjut", blank=True)
    tanggal_tindak_lanjut = models.DateField("tanggal tindak lanjut", null=True, blank=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)

    class Meta:
        verbose_name = "Rekomendasi evaluasi"
        verbose_name_plural = "Rekomendasi evaluasi"
        ordering = ["evaluasi_id", "urutan", "id"]

    def __str__(self) -> str:
        return self.teks[:80]
