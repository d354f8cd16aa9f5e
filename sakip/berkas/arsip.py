"""Arsip ZIP (XLSX, DOCX, cadangan) diperiksa dari daftar isinya sebelum satu bita pun dibuka.

``zipfile`` tidak pernah mengeluarkan lebih dari ukuran yang tertulis di direktori pusat arsip
(``ZipExtFile`` memotong ke ``file_size``), jadi ukuran tertulis itulah batas atas yang sungguh
dibuka; metode pemampatan selain *stored*/*deflate* (bzip2, LZMA: keluarannya tidak dibatasi per
potongan) ditolak."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from . import BerkasError, mb, ribuan


@dataclass(frozen=True)
class BatasArsip:
    total: int  # jumlah ukuran seluruh isi setelah dibuka (bita)
    anggota: int  # jumlah berkas di dalam arsip
    rasio: int  # ukuran dibuka / ukuran termampat, per anggota yang besar
    rasio_mulai: int = 1024 * 1024  # rasio baru diperiksa untuk anggota ≥ ini (bita dibuka)


# Templat sakip dan laporan sungguhan jauh di bawah batas ini (docs/keamanan.md: ukuran nyata).
XLSX = BatasArsip(total=40 * 2**20, anggota=1000, rasio=100)
DOCX = BatasArsip(total=120 * 2**20, anggota=3000, rasio=100)
CADANGAN = BatasArsip(total=8 * 2**30, anggota=200_000, rasio=200)

_METODE = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}


def periksa_zip(
    sumber, nama: str, batas: BatasArsip, jenis: str = "arsip"
) -> list[zipfile.ZipInfo]:
    """Daftar isi arsip ``sumber`` (bita atau jalur) bila dalam ``batas``; else :class:`BerkasError`.

    ``jenis`` dipakai dalam pesan ("buku kerja Excel", "dokumen Word", "cadangan")."""
    try:
        with zipfile.ZipFile(io.BytesIO(sumber) if isinstance(sumber, bytes) else sumber) as z:
            daftar = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise BerkasError(f"Berkas '{nama}' rusak: arsip {jenis} tidak dapat dibuka.") from None
    if len(daftar) > batas.anggota:
        raise BerkasError(
            f"Berkas '{nama}' ditolak: berisi {ribuan(len(daftar))} berkas di dalamnya, lebih dari "
            f"batas {ribuan(batas.anggota)} untuk {jenis}."
        )
    total = 0
    for info in daftar:
        if info.compress_type not in _METODE:
            raise BerkasError(
                f"Berkas '{nama}' ditolak: '{info.filename[:80]}' dimampatkan dengan metode yang "
                f"tidak diterima (hanya deflate atau tanpa pemampatan)."
            )
        total += info.file_size
        if info.file_size >= batas.rasio_mulai:
            rasio = info.file_size / max(info.compress_size, 1)
            if rasio > batas.rasio:
                raise BerkasError(
                    f"Berkas '{nama}' ditolak: '{info.filename[:80]}' mengembang {ribuan(rasio)} "
                    f"kali saat dibuka (batas {batas.rasio} kali) — berkas seperti ini dibuat untuk "
                    "menghabiskan memori server, bukan oleh Excel atau Word."
                )
    if total > batas.total:
        raise BerkasError(
            f"Berkas '{nama}' ditolak: isinya {mb(total)} setelah dibuka, lebih dari batas "
            f"{mb(batas.total)} untuk {jenis}."
        )
    return daftar


def jalur_aman(nama: str, akar: str = "") -> bool:
    """Nama anggota arsip yang relatif, tanpa '..', dan (bila ``akar``) di bawah folder ``akar/``."""
    if not nama or "\\" in nama or "\x00" in nama or nama.startswith("/") or ":" in nama[:3]:
        return False
    bagian = PurePosixPath(nama).parts
    if ".." in bagian:
        return False
    return not akar or (len(bagian) > 1 and bagian[0] == akar)
