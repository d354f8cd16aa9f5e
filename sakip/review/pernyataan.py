"""Pernyataan Telah Direviu: Inspektorat menandatangani reviu LKjIP satu OPD-tahun.

Syaratnya: reviu sudah dijalankan dan tidak ada temuan kritis terbuka atas data OPD (yang lain
boleh tetap terbuka: pernyataan memberi keyakinan terbatas, bukan ketiadaan catatan)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from sakip import akses
from sakip.akses import Aksi
from sakip.organisations.models import PerangkatDaerah

from .models import JalannyaReviu, PernyataanReviu
from .services import kritis_terbuka, q_terbuka


class PernyataanError(ValueError):
    """Pernyataan ditolak: ``galat`` per medan, atau pesan umum."""

    def __init__(self, pesan: str, galat: dict[str, str] | None = None):
        super().__init__(pesan)
        self.galat = galat or {}


@dataclass(frozen=True)
class IsianPernyataan:
    tanggal: str
    nama: str
    jabatan: str = ""
    pangkat: str = ""
    nip: str = ""
    nomor: str = ""


def berlaku(opd: PerangkatDaerah, tahun: int) -> PernyataanReviu | None:
    return PernyataanReviu.objects.filter(opd=opd, tahun=tahun).first()


def isian_awal(opd: PerangkatDaerah, tahun: int) -> dict[str, str]:
    """Isian formulir: pernyataan yang ada, atau penanda tangan pernyataan terakhir Pemda itu."""
    p = berlaku(opd, tahun) or (
        PernyataanReviu.objects.filter(opd__pemda_id=opd.pemda_id).order_by("-dibuat_pada").first()
    )
    if p is None:
        return {"jabatan": f"Inspektur {opd.pemda.nama}", "tanggal": dt.date.today().isoformat()}
    return {
        "jabatan": p.jabatan,
        "nama": p.nama,
        "pangkat": p.pangkat,
        "nip": p.nip,
        "nomor": p.nomor if p.opd_id == opd.pk and p.tahun == tahun else "",
        "tanggal": (p.tanggal if p.opd_id == opd.pk else dt.date.today()).isoformat(),
    }


def periksa_isian(isian: IsianPernyataan, tahun: int) -> tuple[dt.date, str]:
    """Tanggal dan NIP penanda tangan yang sah (pernyataan OPD maupun LKjIP Pemda), atau
    :class:`PernyataanError` dengan pesan per medan (tanggal, nama, nip)."""
    galat: dict[str, str] = {}
    tanggal = None
    try:
        tanggal = dt.date.fromisoformat(isian.tanggal.strip())
    except ValueError:
        galat["tanggal"] = "Tanggal pernyataan wajib diisi (tttt-bb-hh)."
    else:
        if tanggal > dt.date.today():
            galat["tanggal"] = "Tanggal pernyataan tidak boleh sesudah hari ini."
        elif tanggal.year <= tahun:
            galat["tanggal"] = f"Reviu LKjIP {tahun} ditandatangani sesudah tahun {tahun} berakhir."
    if not isian.nama.strip():
        galat["nama"] = "Nama Inspektur wajib diisi."
    nip = isian.nip.replace(" ", "")
    if nip and not (nip.isdigit() and len(nip) == 18):
        galat["nip"] = "NIP terdiri dari 18 angka."
    if galat or tanggal is None:
        raise PernyataanError("Pernyataan belum dapat ditandatangani.", galat)
    return tanggal, nip


@transaction.atomic
def tandatangani(user, opd: PerangkatDaerah, tahun: int, isian: IsianPernyataan) -> PernyataanReviu:
    akses.periksa(user, opd, Aksi.REVIU)
    tanggal, nip = periksa_isian(isian, tahun)
    if not JalannyaReviu.objects.filter(opd=opd, tahun=tahun).exists():
        raise PernyataanError("Jalankan reviu lebih dahulu; pernyataan menandatangani hasilnya.")
    if n := kritis_terbuka(opd, tahun).count():
        raise PernyataanError(
            f"Masih ada {n} temuan kritis terbuka atas data OPD; tindak lanjuti atau terima dengan "
            "alasan sebelum menandatangani pernyataan."
        )
    p, _ = PernyataanReviu.objects.update_or_create(
        opd=opd,
        tahun=tahun,
        defaults={
            "tanggal": tanggal,
            "nomor": isian.nomor.strip()[:120],
            "jabatan": (isian.jabatan.strip() or f"Inspektur {opd.pemda.nama}")[:200],
            "nama": isian.nama.strip()[:200],
            "pangkat": isian.pangkat.strip()[:120],
            "nip": nip,
            "jumlah_temuan": q_terbuka(opd=opd, tahun=tahun).count(),
            "ditandatangani_oleh": user,
        },
    )
    return p
