"""Narasi LKjIP per OPD-tahun dan LKjIP Pemda per Pemda-tahun: teks yang ditulis pengguna (kata
pengantar, analisis, dst.) dan persetujuannya."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sakip.organisations.models import Pemda, PerangkatDaerah
from sakip.planning.models import YEAR
from sakip.workflow.models import DapatDisetujui, StatusAlur

KUNCI_NARASI = {
    "kata_pengantar": "Kata Pengantar",
    "ikhtisar": "Ikhtisar Eksekutif",
    "latar_belakang": "Latar Belakang",
    "dasar_hukum": "Dasar Hukum",
    "isu_strategis": "Isu Strategis",
    "struktur_organisasi": "Struktur Organisasi",
    "analisis": "Analisis capaian (umum)",
    "faktor_pendukung": "Faktor Pendukung",
    "faktor_penghambat": "Faktor Penghambat",
    "kesimpulan": "Kesimpulan",
    "saran": "Saran",
}


class _BagianNarasi(models.Model):
    """Satu bagian narasi yang ditulis pengguna (OPD atau Pemda) untuk satu tahun."""

    tahun = models.PositiveSmallIntegerField("tahun", validators=YEAR)
    kunci = models.CharField("bagian", max_length=60)
    teks = models.TextField("teks")
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)

    class Meta:
        abstract = True


class Narasi(_BagianNarasi):
    """``kunci`` dari :data:`KUNCI_NARASI`, atau ``analisis:<kode sasaran>`` untuk analisis per sasaran."""

    opd = models.ForeignKey(
        PerangkatDaerah,
        verbose_name="Perangkat Daerah",
        on_delete=models.CASCADE,
        related_name="narasi",
    )

    class Meta:
        verbose_name = "Narasi LKjIP"
        verbose_name_plural = "Narasi LKjIP"
        ordering = ["opd_id", "tahun", "kunci"]
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun", "kunci"], name="narasi_unik")
        ]

    def __str__(self) -> str:
        return f"{self.opd} {self.tahun} — {KUNCI_NARASI.get(self.kunci, self.kunci)}"


class PersetujuanLkjip(DapatDisetujui):
    """Alur LKjIP satu OPD-tahun: draf → diajukan → disetujui, atau dikembalikan dengan alasan.

    Alurnya (peran, gerbang reviu) dideklarasikan di :mod:`sakip.review.alur`."""

    Status = StatusAlur

    opd = models.ForeignKey(
        PerangkatDaerah,
        verbose_name="Perangkat Daerah",
        on_delete=models.CASCADE,
        related_name="persetujuan_lkjip",
    )
    tahun = models.PositiveSmallIntegerField("tahun", validators=YEAR)

    class Meta:
        verbose_name = "Persetujuan LKjIP"
        verbose_name_plural = "Persetujuan LKjIP"
        constraints = [
            models.UniqueConstraint(fields=["opd", "tahun"], name="persetujuan_lkjip_unik")
        ]

    def __str__(self) -> str:
        return f"LKjIP {self.opd} {self.tahun}: {self.get_status_display()}"


# LKjIP Pemda (sistematika PermenPAN-RB 53/2014): bagian yang ditulis Admin Pemda (Bagian Organisasi);
# yang kosong disusun otomatis dari data sebagai draf. Analisis per sasaran RPJMD: "analisis:<kode>".
KUNCI_NARASI_PEMDA = {
    "kata_pengantar": "Kata Pengantar",
    "ikhtisar": "Ikhtisar Eksekutif",
    "gambaran_umum": "Gambaran Umum Daerah (Bab I)",
    "isu_strategis": "Isu Strategis (Bab I)",
    "efisiensi": "Efisiensi Penggunaan Sumber Daya (Bab III)",
    "kesimpulan": "Kesimpulan (Bab IV)",
    "saran": "Langkah Perbaikan ke Depan (Bab IV)",
}


class NarasiPemda(_BagianNarasi):
    """Satu bagian narasi LKjIP Pemda: ``kunci`` dari :data:`KUNCI_NARASI_PEMDA` atau
    ``analisis:<kode sasaran RPJMD>`` (penyebab keberhasilan/kegagalan dan solusinya)."""

    pemda = models.ForeignKey(
        Pemda, verbose_name="Pemda", on_delete=models.CASCADE, related_name="narasi_lkjip"
    )

    class Meta:
        verbose_name = "Narasi LKjIP Pemda"
        verbose_name_plural = "Narasi LKjIP Pemda"
        ordering = ["pemda_id", "tahun", "kunci"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "tahun", "kunci"], name="narasi_pemda_unik")
        ]

    def __str__(self) -> str:
        return f"{self.pemda} {self.tahun} — {KUNCI_NARASI_PEMDA.get(self.kunci, self.kunci)}"


class PersetujuanLkjipPemda(DapatDisetujui):
    """LKjIP Pemda satu tahun: draf → diajukan (direviu Inspektorat, yang menandatangani Pernyataan
    Telah Direviu) → disetujui (ditetapkan; dicetak dengan tanggal penetapannya, tanpa DRAF).
    Alurnya di :mod:`sakip.review.alur_pemda`."""

    Status = StatusAlur

    pemda = models.ForeignKey(
        Pemda, verbose_name="Pemda", on_delete=models.CASCADE, related_name="persetujuan_lkjip"
    )
    tahun = models.PositiveSmallIntegerField("tahun", validators=YEAR)
    tanggal = models.DateField("tanggal penetapan", null=True, blank=True)
    reviu_nama = models.CharField(
        "nama Inspektur (penanda tangan reviu)", max_length=200, blank=True
    )
    reviu_pangkat = models.CharField("pangkat/golongan", max_length=120, blank=True)
    reviu_nip = models.CharField("NIP", max_length=30, blank=True)
    reviu_tanggal = models.DateField("tanggal Pernyataan Telah Direviu", null=True, blank=True)

    class Meta:
        verbose_name = "Persetujuan LKjIP Pemda"
        verbose_name_plural = "Persetujuan LKjIP Pemda"
        constraints = [
            models.UniqueConstraint(fields=["pemda", "tahun"], name="persetujuan_lkjip_pemda_unik")
        ]

    def __str__(self) -> str:
        return f"LKjIP {self.pemda} {self.tahun}: {self.get_status_display()}"

    @property
    def direviu(self) -> bool:
        return bool(self.reviu_nama and self.reviu_tanggal)
