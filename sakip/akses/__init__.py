"""Satu pintu ke setiap objek: muat OPD / Pemda *untuk seorang pengguna dan sebuah aksi*.

Halaman, API, perintah dan tugas latar memanggil fungsi yang sama, jadi jawabannya sama di mana pun:
objek yang tidak ada → :class:`~django.http.Http404` ("… tidak ditemukan"); ada tetapi tidak boleh
→ :class:`AksesDitolak` (turunan ``PermissionDenied``: 403 di halaman dan API) dengan satu kalimat per
aksi. Aturannya sendiri tetap di :mod:`sakip.organisations.permissions` (keanggotaan dan jabatan);
di sini hanya peta aksi → aturan dan pesannya, satu kali.

Contoh::

    from sakip import akses
    from sakip.akses import Aksi

    opd = akses.opd(request.user, slug, Aksi.ISI)      # 404 / 403 / PerangkatDaerah
    akses.periksa(user, opd, Aksi.PUTUSKAN)            # di dalam layanan tulis
    if akses.boleh(user, opd, Aksi.REVIU): ...         # untuk menampilkan tombol
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.http import Http404

from sakip.organisations import permissions as p
from sakip.organisations.models import Pemda, PerangkatDaerah


class Aksi(StrEnum):
    LIHAT = "lihat"  # data OPD / RPJMD dan pohon Pemda
    ISI = "isi"  # realisasi, bukti (Pejabat: cabang jabatannya)
    ISI_PENUH = "isi_penuh"  # target, anggaran, Renstra, PK, lembar kerja seluruh OPD
    SUSUN = "susun"  # PK dan Rencana Aksi (Operator OPD)
    PUTUSKAN = "putuskan"  # setujui / kembalikan (Kepala OPD)
    REVIU = "reviu"  # reviu LKjIP, laporan tercetak (Inspektorat)
    MENILAI_MANDIRI = "menilai_mandiri"  # LKE: penilaian mandiri, tindak lanjut
    EVALUASI = "evaluasi"  # LKE: jawaban evaluator, rekomendasi, final (Inspektorat)
    DASBOR = "dasbor"  # dasbor dan peringkat se-Pemda
    SEMUA_OPD = "semua_opd"  # setiap OPD Pemda (Admin Pemda, Inspektorat)
    KELOLA = "kelola"  # RPJMD, jabatan, pengguna, templat LKE, kalender (Admin Pemda)


class AksesDitolak(PermissionDenied):
    """403 dengan pesan Indonesia untuk pengguna."""


_ATURAN_OPD: dict[Aksi, tuple[Callable[..., bool], str]] = {
    Aksi.LIHAT: (p.dapat_melihat, "Anda tidak berwenang melihat data Perangkat Daerah ini."),
    Aksi.ISI: (p.boleh_mengisi_cabang, "Anda tidak berwenang mengisi data Perangkat Daerah ini."),
    Aksi.ISI_PENUH: (
        p.boleh_mengisi,
        "Hanya Operator OPD ini atau Admin Pemda yang dapat mengubah data ini.",
    ),
    Aksi.SUSUN: (
        p.boleh_menyusun,
        "Anda tidak berwenang melakukan langkah ini pada Perjanjian Kinerja.",
    ),
    Aksi.PUTUSKAN: (p.boleh_memutuskan, "Hanya Kepala OPD ini yang dapat memutuskan."),
    Aksi.REVIU: (p.dapat_mengelola_reviu, "Hanya Inspektorat Pemda ini yang dapat mereviu."),
    Aksi.MENILAI_MANDIRI: (
        p.boleh_menilai_mandiri,
        "Penilaian mandiri dan tindak lanjut diisi Operator atau Kepala OPD ini.",
    ),
    Aksi.EVALUASI: (p.boleh_mengevaluasi, "Hanya Inspektorat Pemda ini yang dapat mengevaluasi."),
}

_ATURAN_PEMDA: dict[Aksi, tuple[Callable[..., bool], str]] = {
    Aksi.LIHAT: (p.dapat_melihat_pemda, "Anda tidak berwenang melihat data Pemda ini."),
    Aksi.DASBOR: (
        p.dapat_melihat_dasbor_pemda,
        "Dasbor Pemda hanya untuk Admin Pemda dan Inspektorat Pemda ini.",
    ),
    Aksi.SEMUA_OPD: (
        p.dapat_melihat_semua_opd,
        "Hanya Admin Pemda dan Inspektorat yang melihat setiap OPD Pemda ini.",
    ),
    Aksi.KELOLA: (p.boleh_mengelola_rpjmd, "Hanya Admin Pemda yang dapat melakukannya."),
    Aksi.REVIU: (
        p.dapat_mengelola_reviu,
        "Hanya Inspektorat Pemda ini yang mereviu LKjIP Pemda.",
    ),
    Aksi.MENILAI_MANDIRI: (
        p.boleh_menilai_mandiri,
        "Penilaian mandiri Pemda dan tindak lanjutnya diisi Admin Pemda.",
    ),
    Aksi.EVALUASI: (
        p.boleh_mengevaluasi,
        "Hasil evaluasi Kementerian PANRB atas Pemda ini dicatat Admin Pemda.",
    ),
}


def _aturan(obj, aksi: Aksi) -> tuple[Callable[..., bool], str]:
    tabel = _ATURAN_PEMDA if isinstance(obj, Pemda) else _ATURAN_OPD
    try:
        return tabel[aksi]
    except KeyError:
        jenis = "Pemda" if isinstance(obj, Pemda) else "Perangkat Daerah"
        raise ValueError(f"aksi {aksi!r} tidak berlaku untuk {jenis}") from None


def boleh(user, obj: PerangkatDaerah | Pemda, aksi: Aksi = Aksi.LIHAT) -> bool:
    """Boleh ``user`` melakukan ``aksi`` atas ``obj`` (OPD atau Pemda)?"""
    fungsi, _ = _aturan(obj, aksi)
    return bool(fungsi(user, obj))


def periksa(user, obj: PerangkatDaerah | Pemda, aksi: Aksi = Aksi.LIHAT) -> None:
    """:class:`AksesDitolak` bila ``user`` tidak boleh ``aksi`` atas ``obj``."""
    fungsi, pesan = _aturan(obj, aksi)
    if not fungsi(user, obj):
        raise AksesDitolak(pesan)


def opd(user, slug: str, aksi: Aksi = Aksi.LIHAT, anotasi: dict | None = None) -> PerangkatDaerah:
    """OPD ``slug`` (beserta Pemda-nya) bila ``user`` boleh ``aksi``; else 404 / 403.
    ``anotasi``: anotasi tambahan di kueri yang sama (mis. versi data untuk kunci tembolok)."""
    qs = PerangkatDaerah.objects.select_related("pemda")
    if anotasi:
        qs = qs.annotate(**anotasi)
    o = qs.filter(slug=slug).first()
    if o is None:
        raise Http404(f"Perangkat Daerah '{slug}' tidak ditemukan.")
    periksa(user, o, aksi)
    return o


def pemda(user, slug: str, aksi: Aksi = Aksi.LIHAT) -> Pemda:
    """Pemda ``slug`` bila ``user`` boleh ``aksi``; else 404 / 403."""
    o = Pemda.objects.filter(slug=slug).first()
    if o is None:
        raise Http404(f"Pemda '{slug}' tidak ditemukan.")
    periksa(user, o, aksi)
    return o


def opd_di_pemda(user, pemda_obj: Pemda, slug: str, aksi: Aksi = Aksi.LIHAT) -> PerangkatDaerah:
    """OPD ``slug`` milik ``pemda_obj`` (404 bila milik Pemda lain) bila boleh ``aksi``."""
    o = PerangkatDaerah.objects.filter(slug=slug, pemda=pemda_obj).first()
    if o is None:
        raise Http404(f"Perangkat Daerah '{slug}' tidak ada di {pemda_obj.nama}.")
    o.pemda = pemda_obj
    periksa(user, o, aksi)
    return o
