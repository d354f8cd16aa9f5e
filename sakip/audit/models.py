"""Jejak audit: setiap perubahan pada rencana, target, realisasi, anggaran dan status alur kerja."""

from django.conf import settings
from django.db import models


class JejakAudit(models.Model):
    class Aksi(models.TextChoices):
        BUAT = "buat", "Dibuat"
        UBAH = "ubah", "Diubah"
        HAPUS = "hapus", "Dihapus"
        # Peristiwa keamanan akun (model "auth.User"): siapa melakukan apa pada akun siapa.
        SANDI = "sandi", "Kata sandi disetel ulang"
        DAFTAR_2FA = "2fa-daftar", "Masuk dua langkah didaftarkan"
        RESET_2FA = "2fa-reset", "Masuk dua langkah disetel ulang"
        LEPAS_2FA = "2fa-lepas", "Masuk dua langkah dilepas"
        KODE_2FA = "2fa-kode", "Kode pemulihan dibuat baru"
        PAKAI_KODE = "2fa-pemulihan", "Masuk dengan kode pemulihan"

    waktu = models.DateTimeField("waktu", auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="oleh",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    model = models.CharField("jenis data", max_length=60, db_index=True)
    objek_id = models.CharField("id data", max_length=40, db_index=True)
    objek = models.CharField("data", max_length=255)
    opd_id = models.BigIntegerField("OPD", null=True, db_index=True)
    aksi = models.CharField("aksi", max_length=20, choices=Aksi.choices)
    perubahan = models.JSONField("perubahan (lama → baru)", default=dict)
    keterangan = models.CharField("keterangan", max_length=255, blank=True, default="")

    class Meta:
        verbose_name = "Jejak audit"
        verbose_name_plural = "Jejak audit"
        ordering = ["-waktu", "-id"]

    def __str__(self) -> str:
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.get_aksi_display()} {self.objek}"


def pengubah_terakhir(model_label: str, objek_id) -> str:
    """'oleh NAMA pada dd/mm/yyyy HH:MM' menurut jejak audit terakhir, atau '' bila tidak ada."""
    from django.utils import timezone

    e = (
        JejakAudit.objects.filter(model=model_label, objek_id=str(objek_id))
        .select_related("user")
        .first()
    )
    if e is None:
        return ""
    siapa = (e.user.get_full_name() or e.user.username) if e.user else "sistem"
    return f"oleh {siapa} pada {timezone.localtime(e.waktu):%d/%m/%Y %H:%M}"


def catat_keamanan(oleh, akun, aksi: str, keterangan: str = "") -> JejakAudit:
    """Catat peristiwa keamanan pada akun ``akun`` (setel ulang sandi, masuk dua langkah, …)."""
    return JejakAudit.objects.create(
        user=oleh if oleh is not None and oleh.is_authenticated else None,
        model="auth.User",
        objek_id=str(akun.pk),
        objek=akun.username[:255],
        aksi=aksi,
        keterangan=keterangan[:255],
    )


class VersiData(models.Model):
    """Penghitung versi data: naik setiap kali data sebuah OPD (atau Pemda, atau rujukan umum)
    berubah, di transaksi yang sama dengan perubahannya (lihat ``audit/versi.py``).

    Satu baris per OPD (``opd_id`` dan ``pemda_id``-nya terisi), per Pemda (``opd_id`` kosong) dan
    satu baris umum (keduanya kosong: urusan, templat LKE). Versi data sebuah OPD = jumlah ketiga
    penghitung yang mengenainya; versi data Pemda = jumlah semua baris Pemda itu + baris umum.
    Penghitung hanya naik, jadi jumlahnya berubah pada setiap perubahan. Dokumen tersimpan dan
    dasbor memakai versi ini sebagai kunci: data berubah → kunci berubah → dibuat ulang.

    Sengaja tanpa kunci asing: penghitung OPD yang dihapus boleh tertinggal (tidak dibaca lagi),
    dan penghapusan berantai sebuah OPD tidak bertabrakan dengan penaikan versi anak-anaknya."""

    pemda_id = models.BigIntegerField("Pemda", null=True)
    opd_id = models.BigIntegerField("OPD", null=True)
    versi = models.BigIntegerField("versi", default=0)
    diubah_pada = models.DateTimeField("diubah pada", auto_now=True)
    # bagian rencana saja (Renstra, indikator, program/kegiatan/sub kegiatan, organisasi, RPJMD):
    # tidak naik oleh realisasi, anggaran, laporan. Kunci tembolok daftar indikator isian.
    versi_rencana = models.BigIntegerField("versi rencana", default=0)
    rencana_diubah_pada = models.DateTimeField("rencana diubah pada", null=True)

    class Meta:
        verbose_name = "Versi data"
        verbose_name_plural = "Versi data"
        constraints = [
            models.UniqueConstraint(
                fields=["opd_id"], condition=models.Q(opd_id__isnull=False), name="versi_opd_unik"
            ),
            models.UniqueConstraint(
                fields=["pemda_id"],
                condition=models.Q(opd_id__isnull=True, pemda_id__isnull=False),
                name="versi_pemda_unik",
            ),
        ]
        indexes = [models.Index(fields=["pemda_id"], name="versi_pemda")]

    def __str__(self) -> str:
        return f"versi {self.versi} (Pemda {self.pemda_id}, OPD {self.opd_id})"
