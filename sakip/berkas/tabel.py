"""Tabel dari unggahan pengguna (ekspor aplikasi keuangan, nomenklatur dari SIPD): CSV atau lembar
pertama buku kerja Excel, dibaca dalam batas ukuran, baris, waktu dan memori, menjadi daftar baris
nilai sel. Baris kosong di ujung dibuang; baris pertama biasanya judul kolom."""

from __future__ import annotations

import csv
import io

from . import BerkasError, mb, ribuan
from .xlsx import MAKS_BARIS, baca_buku_kerja

MAKS_BYTE = 20 * 1024 * 1024
MAKS_KOLOM = 60


def _csv(data: bytes, nama: str, maks_baris: int) -> list[tuple]:
    if b"\x00" in data[:4096]:
        raise BerkasError(f"Berkas '{nama}' bukan teks CSV (berisi data biner).")
    for enc in ("utf-8-sig", "cp1252"):
        try:
            teks = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    baris_isi = [b for b in teks.splitlines() if b.strip() and not b.lstrip().startswith("#")]
    contoh = baris_isi[:50]
    # pemisah: yang muncul di paling banyak baris contoh (judul dokumen satu sel tidak menghitung)
    pemisah = max(
        ",;\t|",
        key=lambda p: (sum(1 for b in contoh if p in b), sum(b.count(p) for b in contoh)),
    )
    hasil: list[tuple] = []
    pembaca = csv.reader(io.StringIO("\n".join(baris_isi)), delimiter=pemisah)
    try:
        for row in pembaca:
            if len(hasil) >= maks_baris:
                raise BerkasError(
                    f"Berkas '{nama}' berisi lebih dari {ribuan(maks_baris)} baris; sakip menerima "
                    f"paling banyak {ribuan(maks_baris)} baris."
                )
            hasil.append(tuple((v.strip() or None) for v in row[:MAKS_KOLOM]))
    except csv.Error as exc:
        raise BerkasError(
            f"Berkas '{nama}' baris {pembaca.line_num}: CSV tidak dapat dibaca ({exc})."
        ) from None
    return hasil


def baca_tabel(data: bytes, nama: str, maks_baris: int = MAKS_BARIS) -> list[tuple]:
    """Baris-baris tabel ``data`` (.xlsx: lembar pertama; selain itu CSV berpemisah , ; tab atau |).

    :class:`BerkasError` berbahasa Indonesia bila terlalu besar, rusak, atau bukan tabel."""
    if len(data) > MAKS_BYTE:
        raise BerkasError(
            f"Berkas '{nama}' berukuran {mb(len(data))}; sakip menerima tabel paling besar "
            f"{mb(MAKS_BYTE)}."
        )
    if not data.strip():
        raise BerkasError(f"Berkas '{nama}' kosong.")
    if data.startswith(b"PK\x03\x04"):
        buku = baca_buku_kerja(data, nama, (), maks_baris=maks_baris, maks_kolom=MAKS_KOLOM)
        if not buku.sheetnames:
            raise BerkasError(f"Buku kerja '{nama}' tidak berisi lembar.")
        lembar = buku.lembar.get(buku.sheetnames[0])
        return list(lembar.baris) if lembar else []
    if data.lstrip()[:5].lower() in (b"%pdf-", b"<?xml", b"<html", b"<!doc"):
        raise BerkasError(f"Berkas '{nama}' bukan tabel CSV atau buku kerja Excel (.xlsx).")
    return _csv(data, nama, maks_baris)
