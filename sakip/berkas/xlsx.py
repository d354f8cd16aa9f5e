"""Buku kerja Excel dari pengguna: diperiksa sebagai arsip, lalu nilai sel lembar-lembar yang
diminta dibaca di proses anak berbatas (openpyxl mode baca-saja, baris demi baris) menjadi
:class:`BukuTerbaca` — objek sederhana yang dipakai pembaca unggahan seperti lembar openpyxl."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from . import BerkasError, arsip, kotak, ribuan

MAKS_BARIS = 20_000
MAKS_KOLOM = 200


@dataclass
class _Sel:
    value: object


@dataclass
class LembarTerbaca:
    """Nilai sel satu lembar (baris 1 = indeks 0), dengan antarmuka lembar openpyxl yang dipakai
    pembaca unggahan: ``iter_rows(min_row, max_row, values_only=True)``, ``ws[n]``, ``max_row``."""

    baris: list[tuple] = field(default_factory=list)

    @property
    def max_row(self) -> int:
        return len(self.baris)

    def iter_rows(self, min_row: int = 1, max_row: int | None = None, values_only: bool = True):
        if not values_only:
            raise ValueError("LembarTerbaca hanya menyimpan nilai sel")
        akhir = len(self.baris) if max_row is None else max_row
        kosong = (None,) * (len(self.baris[0]) if self.baris else 1)
        for i in range(min_row - 1, akhir):
            yield self.baris[i] if i < len(self.baris) else kosong

    def __getitem__(self, nomor: int) -> list[_Sel]:
        if not 1 <= nomor <= len(self.baris):
            return []
        return [_Sel(v) for v in self.baris[nomor - 1]]


@dataclass
class BukuTerbaca:
    lembar: dict[str, LembarTerbaca]
    sheetnames: list[str]

    def __getitem__(self, nama: str) -> LembarTerbaca:
        return self.lembar[nama]


class _Rusak(ValueError):
    pass


def _baca(data: bytes, nama: str, lembar: tuple[str, ...], maks_baris: int, maks_kolom: int):
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 — zipfile, zlib, XML, KeyError…: semua berarti berkas rusak
        raise _Rusak(nama) from None
    try:
        hasil = {}
        for judul in lembar or tuple(wb.sheetnames[:1]):
            if judul not in wb.sheetnames:
                continue
            ws = wb[judul]
            baris: list[tuple] = []
            for row in ws.iter_rows(min_row=1, max_col=maks_kolom, values_only=True):
                if len(baris) >= maks_baris:
                    # baris kosong di ujung (format sel sampai baris sejuta) tidak dihitung
                    if any(v is not None for v in row):
                        raise BerkasError(
                            f"Lembar '{judul}' berkas '{nama}' berisi lebih dari "
                            f"{ribuan(maks_baris)} baris; sakip menerima paling banyak "
                            f"{ribuan(maks_baris)} baris per lembar."
                        )
                    continue
                baris.append(tuple(row))
            while baris and all(v is None for v in baris[-1]):
                baris.pop()
            # seperti openpyxl: setiap baris selebar kolom terisi paling kanan di lembar itu
            lebar = max(
                (max((i + 1 for i, v in enumerate(b) if v is not None), default=0) for b in baris),
                default=0,
            )
            baris = [b[:lebar] for b in baris]
            hasil[judul] = LembarTerbaca(baris)
        return BukuTerbaca(hasil, list(wb.sheetnames))
    except BerkasError:
        raise
    except Exception:  # noqa: BLE001
        raise _Rusak(nama) from None
    finally:
        wb.close()


def baca_buku_kerja(
    data: bytes,
    nama: str,
    lembar: tuple[str, ...],
    maks_baris: int = MAKS_BARIS,
    maks_kolom: int = MAKS_KOLOM,
    batas: kotak.Batas = kotak.BAWAAN,
) -> BukuTerbaca:
    """Nilai sel lembar-lembar ``lembar`` (yang ada; kosong = lembar pertama) dari buku kerja ``data``.

    :class:`BerkasError` bila bukan .xlsx, rusak, melampaui batas arsip, baris, waktu atau memori.
    """
    if not data.startswith(b"PK\x03\x04"):
        raise BerkasError(f"Berkas '{nama}' bukan buku kerja Excel (.xlsx).")
    arsip.periksa_zip(data, nama, arsip.XLSX, "buku kerja Excel")
    try:
        return kotak.jalankan(
            _baca, data, nama, tuple(lembar), maks_baris, maks_kolom, nama=nama, batas=batas
        )
    except _Rusak:
        raise BerkasError(
            f"Berkas '{nama}' rusak atau tidak dapat dibaca; simpan ulang dari Excel lalu unggah lagi."
        ) from None


def simpan(wb, tujuan=None) -> bytes | None:
    """Simpan buku kerja buatan sakip dengan setiap sel teks sebagai *teks*.

    openpyxl menjadikan nilai yang diawali '=' sebuah rumus; catatan pengguna seperti
    ``=HYPERLINK("http://…?x="&B5,"bukti")`` akan hidup di Excel penerimanya (injeksi rumus). sakip
    tidak menulis rumus di lembar kerja mana pun, jadi setiap sel bertipe rumus dikembalikan menjadi
    teks sebelum disimpan. ``tujuan``: jalur berkas; tanpa itu bita buku kerja dikembalikan."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    c.data_type = "s"
    if tujuan is not None:
        wb.save(tujuan)
        return None
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
