"""Tugas latar yang dilihat pengguna, pekerja yang menjalankannya, dan dokumen tersimpan.

Antrean dan pengambilan tugas adalah milik django-tasks-db (tabel ``django_tasks_db_dbtaskresult``:
status, argumen, pekerja, traceback). :class:`Tugas` menambahkan yang dibutuhkan pengguna: judul
berbahasa Indonesia, siapa yang meminta, progres (n dari N), pesan galat yang dapat dibaca, hasil
(dokumen), dan jumlah percobaan. :class:`PekerjaTugas` adalah detak jantung setiap pekerja:
tugas milik pekerja yang berhenti berdetak dikembalikan ke antrean (lihat ``pekerja.py``)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Tugas(models.Model):
    class Jenis(models.TextChoices):
        DOKUMEN = "dokumen", "Dokumen"
        DOKUMEN_PEMDA = "dokumen-pemda", "Dokumen Pemda"
        LKJIP_SEMUA = "lkjip-semua", "LKjIP semua OPD (ZIP)"
        RINGKASAN = "ringkasan", "Ringkasan capaian"
        REVIU_LAPORAN = "reviu-laporan", "Reviu laporan tercetak"
        BACA_LAPORAN = "baca-laporan", "Membaca laporan tercetak yang diunggah"
        EVALUASI_OTOMATIS = "evaluasi-otomatis", "Jawaban otomatis evaluasi"

    class Status(models.TextChoices):
        ANTRE = "antre", "Menunggu pekerja"
        BERJALAN = "berjalan", "Sedang dikerjakan"
        SELESAI = "selesai", "Selesai"
        GAGAL = "gagal", "Gagal"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # id hasil django-tasks (DBTaskResult) percobaan terakhir
    hasil_id = models.UUIDField("id antrean", null=True, db_index=True)
    jenis = models.CharField("jenis", max_length=30, choices=Jenis.choices)
    judul = models.CharField("judul", max_length=255)
    # kunci keunikan pekerjaan: dua permintaan yang sama saat yang pertama belum selesai = satu tugas
    kunci = models.CharField("kunci", max_length=255, db_index=True)
    parameter = models.JSONField("parameter", default=dict)
    pemohon = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    pemda = models.ForeignKey(
        "organisations.Pemda", null=True, on_delete=models.CASCADE, related_name="+"
    )
    opd = models.ForeignKey(
        "organisations.PerangkatDaerah", null=True, on_delete=models.CASCADE, related_name="+"
    )
    tahun = models.PositiveSmallIntegerField("tahun", null=True)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.ANTRE, db_index=True
    )
    selesai = models.PositiveIntegerField("langkah selesai", default=0)
    jumlah = models.PositiveIntegerField("jumlah langkah", default=0)
    langkah = models.CharField("langkah sekarang", max_length=255, blank=True)
    pesan = models.TextField("pesan", blank=True)
    hasil = models.JSONField("hasil", default=dict)
    dokumen = models.ForeignKey(
        "tugas.DokumenTersimpan", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    percobaan = models.PositiveSmallIntegerField("percobaan", default=0)
    pekerja = models.CharField("pekerja", max_length=64, blank=True)
    dibuat_pada = models.DateTimeField("diminta pada", auto_now_add=True, db_index=True)
    mulai_pada = models.DateTimeField("mulai", null=True)
    selesai_pada = models.DateTimeField("selesai", null=True)

    class Meta:
        verbose_name = "Tugas latar"
        verbose_name_plural = "Tugas latar"
        ordering = ["-dibuat_pada"]

    def __str__(self) -> str:
        return f"{self.judul} ({self.get_status_display()})"

    @property
    def persen(self) -> int:
        if self.status == self.Status.SELESAI:
            return 100
        if not self.jumlah:
            return 0
        return min(100, round(100 * self.selesai / self.jumlah))

    @property
    def aktif(self) -> bool:
        return self.status in (self.Status.ANTRE, self.Status.BERJALAN)


class PekerjaTugas(models.Model):
    """Detak jantung satu proses ``sakip worker``."""

    id_pekerja = models.CharField("id pekerja", max_length=64, unique=True)
    host = models.CharField("mesin", max_length=255)
    pid = models.PositiveIntegerField("PID")
    mulai_pada = models.DateTimeField("mulai", auto_now_add=True)
    detak_pada = models.DateTimeField("detak terakhir", db_index=True)

    class Meta:
        verbose_name = "Pekerja tugas"
        verbose_name_plural = "Pekerja tugas"

    def __str__(self) -> str:
        return f"{self.id_pekerja} ({self.host}:{self.pid})"


def _jalur_dokumen(instance, filename: str) -> str:
    return f"dokumen/{instance.tahun}/{instance.kunci_hash[:2]}/{instance.kunci_hash}/{filename}"


class DokumenTersimpan(models.Model):
    """Dokumen yang sudah dibuat, bersama versi data asalnya (``audit.VersiData``).

    Unduhan berikutnya dengan versi yang sama menyajikan berkas ini tanpa membuat ulang; perubahan
    data apa pun pada OPD/Pemda itu menaikkan versinya sehingga berkas lama tidak cocok lagi."""

    kunci = models.CharField("kunci", max_length=255)  # jenis|format|opd/pemda|tahun|opsi
    kunci_hash = models.CharField("sidik kunci", max_length=64)
    versi_data = models.CharField("versi data", max_length=40)  # audit.versi.Versi
    versi_jumlah = models.BigIntegerField("penghitung versi data", default=0)
    pemda = models.ForeignKey(
        "organisations.Pemda", null=True, on_delete=models.CASCADE, related_name="+"
    )
    opd = models.ForeignKey(
        "organisations.PerangkatDaerah", null=True, on_delete=models.CASCADE, related_name="+"
    )
    tahun = models.PositiveSmallIntegerField("tahun")
    nama = models.CharField("nama berkas", max_length=255)
    mime = models.CharField("jenis isi", max_length=120)
    berkas = models.FileField("berkas", upload_to=_jalur_dokumen, max_length=400)
    ukuran = models.PositiveIntegerField("ukuran (bita)", default=0)
    detik = models.FloatField("lama pembuatan (detik)", default=0)
    dibuat_pada = models.DateTimeField("dibuat pada", auto_now_add=True)

    class Meta:
        verbose_name = "Dokumen tersimpan"
        verbose_name_plural = "Dokumen tersimpan"
        constraints = [
            models.UniqueConstraint(fields=["kunci_hash", "versi_data"], name="dokumen_versi_unik")
        ]
        indexes = [models.Index(fields=["kunci_hash", "-versi_data"], name="dokumen_kunci")]

    def __str__(self) -> str:
        return f"{self.nama} (versi data {self.versi_data})"
