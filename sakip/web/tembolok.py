"""Tembolok halaman dasbor per versi data.

Kunci memuat versi data OPD/Pemda (``sakip.audit.versi``), yang naik di transaksi yang sama dengan
setiap perubahan data: permintaan sesudah perubahan membaca versi baru, tidak menemukan kuncinya,
dan menghitung ulang. Tidak ada penghapusan tembolok yang bisa terlupa, dan beberapa proses atau
mesin dengan tembolok masing-masing tetap benar. Yang ditembolok hanya bagian data (tabel,
grafik); bagian yang bergantung pada pengguna (tombol alur, pesan, CSRF) dibuat setiap permintaan.

Dua tingkat: tembolok proses (memori) lalu tembolok ``bersama`` (berkas di ``SAKIP_HOME``, semua
proses satu mesin; atau Redis bila ``SAKIP_REDIS_URL`` diisi, semua mesin): worker gunicorn yang baru mulai atau baru dimulai ulang memakai dasbor yang sudah
dibangun worker lain. Kunci tembolok bersama memuat identitas basis data (dua basis data di satu
mesin tidak bertukar isi), dan versi 0 (belum ada perubahan tercatat, mis. basis data yang baru
dikosongkan) tidak pernah disimpan bersama: versi itu tidak membedakan satu isi dari yang lain.

Dengan Redis, versi dalam kunci diganti tanda data (:mod:`sakip.audit.tanda`) yang dibaca dari Redis:
halaman dasbor tidak perlu membaca versi dari basis data.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable
from functools import cache as cache_fungsi

from django.core.cache import cache, caches
from django.db import connection
from django.utils.safestring import SafeString, mark_safe

UMUR = 6 * 3600  # detik; kunci lama tidak pernah dibaca lagi, umur hanya membatasi memori


def cari(kunci: str, bersama: bool = True):
    """Nilai tembolok ``kunci`` (proses, lalu bersama bila ``bersama``) tanpa membangunnya; None bila
    belum ada. Nilai kecil (mis. id dari slug) diperiksa pemakainya terhadap data yang dimuatnya:
    nilai usang tidak pernah membuat halaman salah."""
    nilai = cache.get(kunci)
    if nilai is None and bersama:
        try:
            nilai = caches["bersama"].get(f"{_basis_data()}:{kunci}")
        except Exception:  # berkas rusak/tak terbaca, Redis terputus: bangun ulang, jangan gagal
            return None
        if nilai is not None:
            cache.set(kunci, nilai, UMUR)
    return nilai


def simpan(kunci: str, isi, bersama: bool = True) -> None:
    """Simpan ``isi`` di tembolok proses dan (bila ``bersama``) di tembolok bersama."""
    cache.set(kunci, isi, UMUR)
    if bersama:
        try:
            caches["bersama"].set(f"{_basis_data()}:{kunci}", isi, UMUR)
        except Exception:  # disk penuh, Redis terputus: tetap benar tanpa tembolok bersama
            pass


def ambil(kunci: str, buat: Callable[[], dict], bersama: bool = True) -> dict:
    """Nilai tembolok ``kunci`` (dict), atau hasil ``buat()`` yang lalu disimpan.

    ``bersama``: boleh disimpan di tembolok bersama (pemanggil memberi False untuk versi 0)."""
    nilai = cari(kunci, bersama)
    if nilai is None:
        nilai = buat()
        simpan(kunci, nilai, bersama)
    return nilai


def _basis_data() -> str:
    """Identitas basis data dan kode: berkas tembolok bersama dari basis data lain, atau dari
    versi sakip sebelum dipasang ulang (templat lain), tidak pernah terbaca."""
    s = connection.settings_dict
    teks = f"{s['ENGINE']}|{s['NAME']}|{s.get('HOST', '')}|{s.get('PORT', '')}|{_kode()}"
    return hashlib.sha1(teks.encode()).hexdigest()[:12]


@cache_fungsi
def _kode() -> str:
    """Sidik kode terpasang: versi paket dan waktu ubah terakhir berkas Python/templatnya."""
    from pathlib import Path

    import sakip

    akar = Path(sakip.__file__).parent
    terakhir = max(
        (p.stat().st_mtime_ns for pola in ("*.py", "*.html") for p in akar.rglob(pola)),
        default=0,
    )
    return f"{getattr(sakip, '__version__', '')}:{terakhir}"


def html(nilai: dict, bagian: str = "html") -> SafeString:
    return mark_safe(nilai[bagian])  # dibuat templat sakip sendiri, sudah di-escape


def anotasi_opd() -> dict | None:
    """Anotasi untuk kueri yang memuat OPD halaman (``akses.opd(..., anotasi=...)``): versi datanya
    ikut terbaca bila :func:`kunci_data_opd` memerlukannya (tanpa tembolok bersama jaringan)."""
    from sakip.audit import tanda
    from sakip.audit.versi import anotasi_versi_opd

    return None if tanda.aktif() else anotasi_versi_opd("pk", "pemda_id")


def kunci_data_opd(opd, nama: str) -> str | None:
    """Bagian ``kunci_data`` :func:`halaman` untuk halaman yang hanya bergantung pada data OPD
    ``opd`` (beserta Pemda-nya dan rujukan umum) dan penggunanya: tanda data tembolok bersama
    jaringan bila aktif, selain itu versi data dari basis data (satu kueri kecil). None (tidak
    ditembolok) bila belum ada perubahan tercatat: versi 0 tidak membedakan satu isi dari yang lain."""
    from sakip.audit import tanda
    from sakip.audit.versi import versi_dari_anotasi, versi_opd

    if tanda.aktif():
        tok = tanda.baca(f"opd:{opd.pk}", f"pemda-sendiri:{opd.pemda_id}", "umum")
        return f"{nama}:{opd.pk}:t{tok}" if tok else None
    if hasattr(opd, "sakip_versi_v"):  # dimuat dengan anotasi_opd(): tanpa kueri tambahan
        v = versi_dari_anotasi(opd)
    else:
        v = versi_opd(opd.pk, opd.pemda_id)
    return f"{nama}:{opd.pk}:v{v}" if v.jumlah > 0 else None


def halaman(request, kunci_data: str | None, buat: Callable):
    """Respons halaman utuh untuk pengguna ini dari tembolok proses, atau ``buat()`` yang lalu
    disimpan.

    Kunci: alamat lengkap, pengguna beserta tandanya (akun, keanggotaan), ``kunci_data`` (memuat
    tanda atau versi data halaman itu) dan rahasia CSRF peramban itu (token di formulir halaman
    tersimpan tetap sah untuk peramban itu saja). Tanda pengguna: dari tembolok bersama jaringan
    bila aktif; tanpa itu sidik akun dan keanggotaannya yang dimuat permintaan ini dari basis data
    (:func:`_sidik_pengguna`). Tidak ditembolok: tanpa ``kunci_data``, permintaan dengan pesan yang
    menunggu ditampilkan, atau respons selain 200.

    Isi disimpan termampatkan (zlib) di tembolok proses ``halaman`` yang jumlah isinya berbatas:
    memori setiap proses tetap kecil walau halaman isian 200 indikator berukuran ratusan KB."""
    kunci = _kunci_halaman(request, kunci_data)
    wadah = caches["halaman"]
    if kunci is not None:
        isi = wadah.get(kunci)
        if isi is not None:
            from django.http import HttpResponse

            return HttpResponse(zlib.decompress(isi))
    resp = buat()
    if kunci is not None and resp.status_code == 200 and not resp.streaming:
        wadah.set(kunci, zlib.compress(resp.content, 1), UMUR)
    return resp


def _sidik_pengguna(user) -> str:
    """Sidik akun dan keanggotaan (peran, OPD/Pemda beserta nama dan slugnya, jabatan) pengguna
    sebagaimana dimuat permintaan ini: berubah bila apa pun yang membentuk halamannya berubah."""
    from sakip.organisations.permissions import _memberships

    bagian = [
        user.pk,
        user.username,
        user.get_full_name(),
        user.is_superuser,
        user.is_staff,
        user.password[-12:],
    ]
    for m in sorted(_memberships(user), key=lambda m: m.pk):
        bagian.append(
            (
                m.pk,
                m.peran,
                m.opd_id,
                m.opd.slug if m.opd_id else "",
                m.opd.nama if m.opd_id else "",
                m.pemda_id,
                m.pemda.slug if m.pemda_id else "",
                m.pemda.nama if m.pemda_id else "",
                getattr(m, "jabatan_id", None),
            )
        )
    return hashlib.sha1(repr(bagian).encode()).hexdigest()[:16]


def _kunci_halaman(request, kunci_data: str | None) -> str | None:
    from django.conf import settings

    user = request.user
    if kunci_data is None or not user.is_authenticated or request.method != "GET":
        return None
    tok = getattr(user, "_sakip_tanda", None) or f"s{_sidik_pengguna(user)}"
    rahasia = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    if not rahasia:
        return None
    if request.COOKIES.get("messages") or "_messages" in request.session:
        return None  # pesan sekali tampil (mis. "Tersimpan") tidak boleh ikut tersimpan
    sidik = hashlib.sha1(f"{request.get_full_path()}|{rahasia}".encode()).hexdigest()[:20]
    return f"halaman:{user.pk}:{tok}:{kunci_data}:{sidik}"
