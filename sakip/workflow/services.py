"""Satu layanan alur: izin, menjalankan langkah (satu transaksi, tercatat), dan tampilannya."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.dispatch import Signal
from django_fsm import can_proceed

from sakip.audit.middleware import keterangan_audit
from sakip.organisations.permissions import memegang_peran

from .alur import Alur, AlurError, Langkah
from .models import StatusAlur

LABEL_STATUS = dict(StatusAlur.choices)

# Dikirim di dalam transaksi langkah, sesudah status disimpan (alur, obj, aksi, user): penerima
# (mis. pemberitahuan, sakip.harian) menulis di transaksi yang sama — batal bersama langkahnya.
langkah_diambil = Signal()


def boleh_pada_opd(alur: Alur, user, opd, aksi: str) -> bool:
    """Satu-satunya pemeriksaan peran alur: pengguna memegang peran langkah itu untuk OPD ini."""
    try:
        lk = alur.langkah_untuk(aksi)
    except AlurError:
        return False
    return memegang_peran(user, opd, lk.peran)


def boleh(alur: Alur, user, obj, aksi: str) -> bool:
    """:func:`boleh_pada_opd` untuk OPD pemilik objek."""
    return boleh_pada_opd(alur, user, alur.opd(obj), aksi)


def _pesan_status(alur: Alur, obj, lk: Langkah) -> str:
    sumber = [
        t.source
        for t in obj.get_all_status_transitions()
        if t.name == lk.aksi and t.source not in ("*", "+")
    ]
    if sumber == [StatusAlur.DIAJUKAN]:
        return f"{alur.nama} harus diajukan lebih dahulu."
    boleh_dari = " atau ".join(LABEL_STATUS[s].lower() for s in sumber)
    return (
        f"{alur.nama} berstatus {obj.get_status_display().lower()}; "
        f"hanya yang berstatus {boleh_dari} yang dapat {lk.label.lower()}."
    )


def penolakan(alur: Alur, user, obj, aksi: str, alasan: str = "") -> str | None:
    """Mengapa langkah ini tidak dapat diambil sekarang (tanpa syarat yang mahal), atau None."""
    lk = alur.langkah_untuk(aksi)
    if not boleh(alur, user, obj, aksi):
        return f"{lk.pesan_peran} {alur.nama}."
    if not can_proceed(getattr(obj, aksi)):
        return _pesan_status(alur, obj, lk)
    if lk.alasan_wajib and not alasan.strip():
        return "Alasan pengembalian wajib diisi."
    return None


def jalankan(alur: Alur, user, obj, aksi: str, alasan: str = ""):
    """Ambil satu langkah: kunci baris, periksa peran → status → alasan → syarat, ubah status,
    simpan; semuanya satu transaksi (syarat yang gagal membatalkan juga yang ditulisnya)."""
    lk = alur.langkah_untuk(aksi)
    with transaction.atomic():
        obj = alur.model._default_manager.select_for_update().get(pk=obj.pk)
        if pesan := penolakan(alur, user, obj, aksi, alasan):
            raise AlurError(pesan)
        for syarat in lk.syarat:
            if pesan := syarat(obj):
                raise AlurError(pesan)
        with keterangan_audit(f"{alur.nama}: {lk.label}"):
            getattr(obj, aksi)(oleh=user, alasan=alasan.strip())
            obj.save()
            for fungsi in lk.sesudah:
                fungsi(obj, user)
        langkah_diambil.send(sender=alur.model, alur=alur, obj=obj, aksi=aksi, user=user)
    return obj


def pesan_berhasil(alur: Alur, obj, aksi: str) -> str:
    lk = alur.langkah_untuk(aksi)
    return (lk.berhasil or "{obj}: " + obj.get_status_display().lower() + ".").format(obj=obj)


@dataclass
class Tombol:
    aksi: str
    label: str
    url: str
    alasan_wajib: bool
    peringatan: str = ""


@dataclass
class TampilanAlur:
    """Yang ditampilkan ``workflow/_alur.html``: status, alasan pengembalian, tombol yang boleh."""

    nama: str
    status: str
    status_label: str
    alasan: str
    tombol: list[Tombol]
    tersembunyi: dict[str, str]
    keterangan: str = ""  # "diajukan oleh … pada …" / "disetujui oleh … pada …"


def _oleh(user, waktu) -> str:
    from django.utils import timezone

    siapa = (user.get_full_name() or user.username) if user else "sistem"
    return f"oleh {siapa} pada {timezone.localtime(waktu):%d/%m/%Y %H:%M}" if waktu else ""


def keterangan_status(obj, kata: str | None = None) -> str:
    """Siapa dan kapan untuk status kini, mis. 'diajukan oleh operator.disnaker pada 01/12/2026 16:10'."""
    if obj.status == StatusAlur.DIAJUKAN and obj.diajukan_pada:
        return "diajukan " + _oleh(obj.diajukan_oleh, obj.diajukan_pada)
    if obj.status in (StatusAlur.DISETUJUI, StatusAlur.DIKEMBALIKAN) and obj.diputuskan_pada:
        return f"{kata or obj.get_status_display().lower()} " + _oleh(
            obj.diputuskan_oleh, obj.diputuskan_pada
        )
    return ""


def tampilan(alur: Alur, user, obj, url_aksi, tersembunyi: dict | None = None) -> TampilanAlur:
    """``url_aksi(aksi)`` → alamat POST langkah itu; hanya langkah yang boleh dan sah kini ditampilkan."""
    tombol = [
        Tombol(
            lk.aksi,
            lk.label,
            url_aksi(lk.aksi),
            lk.alasan_wajib,
            lk.peringatan(obj) if lk.peringatan else "",
        )
        for lk in alur.langkah
        if boleh(alur, user, obj, lk.aksi) and can_proceed(getattr(obj, lk.aksi))
    ]
    return TampilanAlur(
        nama=alur.nama,
        status=obj.status,
        status_label=alur.label(obj),
        alasan=obj.alasan if obj.status == StatusAlur.DIKEMBALIKAN else "",
        tombol=tombol,
        tersembunyi={k: str(v) for k, v in (tersembunyi or {}).items()},
        keterangan=keterangan_status(obj, alur.kata_keputusan.get(obj.status)),
    )
