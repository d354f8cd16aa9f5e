"""Layanan reviu: menyimpan temuan (dengan statusnya) dan gerbang persetujuan LKjIP."""

from __future__ import annotations

import hashlib

from django.db import transaction

from sakip.organisations.models import PerangkatDaerah

from .engine import reviu_opd
from .models import JalannyaReviu, TemuanReviu
from .rules.dasar import KRITIS, Temuan


def _muat(nama: str, nilai: str) -> str:
    """Teks temuan dipotong sepanjang kolomnya (PostgreSQL menolak yang lebih panjang)."""
    batas = getattr(TemuanReviu._meta.get_field(nama), "max_length", None)
    if batas and len(nilai) > batas:
        return nilai[: batas - 1] + "…"
    return nilai


def sidik(t: Temuan, sumber: str = "data") -> str:
    raw = "|".join([t.aturan, t.lokasi, t.objek, t.tercetak])
    if sumber != "data":
        raw = f"{sumber}|{raw}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()  # noqa: S324 - identitas, bukan keamanan


@transaction.atomic
def perbarui_temuan(
    opd: PerangkatDaerah,
    tahun: int,
    oleh=None,
    temuan: list[Temuan] | None = None,
    sumber: str = "data",
) -> dict[str, int]:
    """Jalankan reviu (atau pakai ``temuan`` yang sudah dihitung, mis. dari laporan tercetak)
    dan simpan hasilnya untuk ``sumber`` itu. Status dan tanggapan temuan lama dipertahankan;
    setiap jalannya reviu tercatat (juga yang tanpa temuan)."""
    found = reviu_opd(opd, tahun) if temuan is None else temuan
    existing = {
        t.sidik: t
        for t in TemuanReviu.objects.select_for_update().filter(opd=opd, tahun=tahun, sumber=sumber)
    }
    seen: set[str] = set()
    baru = 0
    for t in found:
        key = sidik(t, sumber)
        seen.add(key)
        obj = existing.get(key)
        fields = {
            f: _muat(f, getattr(t, f))
            for f in (
                "aturan",
                "tingkat",
                "kategori",
                "judul",
                "lokasi",
                "objek",
                "tercetak",
                "dihitung",
                "pesan",
            )
        }
        if obj is None:
            TemuanReviu.objects.create(opd=opd, tahun=tahun, sidik=key, sumber=sumber, **fields)
            baru += 1
        else:
            for k, v in fields.items():
                setattr(obj, k, v)
            obj.masih_berlaku = True
            obj.save()
    hilang = (
        TemuanReviu.objects.filter(opd=opd, tahun=tahun, sumber=sumber)
        .exclude(sidik__in=seen)
        .update(masih_berlaku=False)
    )
    JalannyaReviu.objects.create(
        opd=opd,
        tahun=tahun,
        oleh=oleh if getattr(oleh, "is_authenticated", False) else None,
        jumlah_temuan=len(found),
        kritis=sum(1 for t in found if t.tingkat == KRITIS),
    )
    return {"ditemukan": len(found), "baru": baru, "tidak_ditemukan_lagi": hilang}


def q_terbuka(**saring):
    """Temuan terbuka: masih ditemukan pada reviu terakhir dan belum ditindaklanjuti/diterima.
    Satu definisi untuk kartu halaman Reviu, gerbang persetujuan dan beranda."""
    return TemuanReviu.objects.filter(
        masih_berlaku=True, status=TemuanReviu.Status.TERBUKA, **saring
    )


def hitung_terbuka(opd: PerangkatDaerah, tahun: int, sumber: str | None = None) -> dict[str, int]:
    """Jumlah temuan terbuka per tingkat (kritis, peringatan, info), satu sumber atau semua."""
    qs = q_terbuka(opd=opd, tahun=tahun)
    if sumber:
        qs = qs.filter(sumber=sumber)
    hasil = dict.fromkeys(("kritis", "peringatan", "info"), 0)
    for tingkat in qs.values_list("tingkat", flat=True):
        hasil[tingkat] = hasil.get(tingkat, 0) + 1
    return hasil


def kritis_terbuka(opd: PerangkatDaerah, tahun: int):
    """Temuan kritis terbuka atas data OPD-tahun di sakip — yang menahan persetujuan LKjIP-nya.
    Temuan atas laporan tercetak yang diunggah (``sumber='laporan:<id>'``) menyangkut dokumen itu
    dan ditampilkan di bawah sumbernya; LKjIP sakip dibuat dari data, jadi data yang menjadi gerbang."""
    return q_terbuka(opd=opd, tahun=tahun, tingkat=KRITIS, sumber="data")


def lkjip_dapat_disetujui(opd: PerangkatDaerah, tahun: int) -> tuple[bool, str]:
    """LKjIP dengan temuan kritis yang masih terbuka tidak dapat disetujui."""
    n = kritis_terbuka(opd, tahun).count()
    if n:
        return (
            False,
            f"LKjIP belum dapat disetujui: masih ada {n} temuan reviu kritis yang terbuka atas data OPD.",
        )
    return True, ""


@transaction.atomic
def ubah_status_banyak(
    opd: PerangkatDaerah, tahun: int, ids: list[int], status: str, tanggapan: str, user
) -> int:
    """Ubah status beberapa temuan OPD-tahun sekaligus (satu transaksi: satu yang ditolak
    membatalkan semuanya). Mengembalikan jumlah yang diubah."""
    temuan = list(TemuanReviu.objects.select_for_update().filter(opd=opd, tahun=tahun, pk__in=ids))
    if not temuan:
        raise ValueError("Pilih sedikitnya satu temuan.")
    for t in temuan:
        try:
            ubah_status(t, status, tanggapan, user)
        except ValueError as exc:
            raise ValueError(f"{t.aturan} ({t.objek[:60]}): {exc}") from None
    return len(temuan)


@transaction.atomic
def ubah_status(temuan: TemuanReviu, status: str, tanggapan: str, user) -> TemuanReviu:
    if status not in TemuanReviu.Status.values:
        raise ValueError(f"status '{status}' tidak dikenal")
    if (
        status == TemuanReviu.Status.DITERIMA
        and not tanggapan.strip()
        and not temuan.tanggapan.strip()
    ):
        raise ValueError("Temuan hanya dapat diterima dengan tanggapan atau alasan.")
    temuan.status = status
    if tanggapan.strip():
        temuan.tanggapan = tanggapan.strip()
    temuan.diubah_oleh = user
    temuan.save()
    return temuan
