"""Kewajaran nilai realisasi (tanpa Django): persen dalam 0–100, cacah bulat dan tidak negatif,
kecuali indikatornya menyatakan rentang lain; nilai yang lebih dari 10 kali (atau kurang dari
sepersepuluh) target atau periode sebelumnya hanya diterima dengan konfirmasi dan alasan.

Satu aturan untuk halaman isian, buku kerja OPD, API dan realisasi RPJMD.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .numbers import format_angka

KALI = Decimal(10)  # batas "jauh" dari pembanding

# Satuan cacah: banyaknya sesuatu, bilangan bulat tidak negatif (kata pertama satuannya).
SATUAN_CACAH = frozenset(
    """orang jiwa pekerja peserta pencari penduduk tenaga dokumen laporan naskah berkas surat
    sertifikat izin kasus perkara perselisihan aduan pengaduan unit paket perusahaan lembaga
    kelompok koperasi desa kelurahan kecamatan sekolah kegiatan pelatihan lowongan kali buah
    eksemplar judul titik lokasi rekomendasi kk rumah kendaraan""".split()
)
SATUAN_PERSEN = frozenset({"%", "persen", "persentase", "prosen"})


class JenisSatuan(StrEnum):
    PERSEN = "persen"
    CACAH = "cacah"
    LAIN = "lain"


def jenis_satuan(satuan: str) -> JenisSatuan:
    t = " ".join((satuan or "").lower().split())
    if not t:
        return JenisSatuan.LAIN
    if t in SATUAN_PERSEN or t.startswith("% "):
        return JenisSatuan.PERSEN
    if t.split(" ")[0].strip("().,") in SATUAN_CACAH:
        return JenisSatuan.CACAH
    return JenisSatuan.LAIN


@dataclass(frozen=True)
class Rentang:
    bawah: Decimal | None = None
    atas: Decimal | None = None
    bulat: bool = False


def rentang(satuan: str, bawah: Decimal | None = None, atas: Decimal | None = None) -> Rentang:
    """Rentang wajar menurut satuan; ``bawah``/``atas`` indikator (bila diisi) menggantikannya."""
    j = jenis_satuan(satuan)
    dasar = {
        JenisSatuan.PERSEN: Rentang(Decimal(0), Decimal(100)),
        JenisSatuan.CACAH: Rentang(Decimal(0), None, True),
        JenisSatuan.LAIN: Rentang(),
    }[j]
    return Rentang(
        dasar.bawah if bawah is None else bawah, dasar.atas if atas is None else atas, dasar.bulat
    )


@dataclass(frozen=True)
class Masalah:
    pesan: str
    konfirmasi: bool = False  # True: boleh disimpan bila pengisi menegaskan dan memberi alasan


def _n(d: Decimal, satuan: str = "") -> str:
    teks = format_angka(d, None, strip_zeros=True)
    if satuan.strip() == "%":
        return f"{teks}%"
    return f"{teks} {satuan.strip()}".strip()


def periksa(
    nilai: Decimal,
    r: Rentang,
    satuan: str = "",
    pembanding: Sequence[tuple[str, Decimal | None]] = (),
) -> list[Masalah]:
    """Masalah kewajaran ``nilai``: pelanggaran rentang (ditolak) lebih dulu; bila tidak ada, jarak
    lebih dari :data:`KALI` kali dari pembanding pertama yang bukan nol (perlu konfirmasi)."""
    out: list[Masalah] = []
    if r.bawah is not None and nilai < r.bawah:
        out.append(Masalah(f"{_n(nilai, satuan)} di bawah batas wajar {_n(r.bawah, satuan)}"))
    if r.atas is not None and nilai > r.atas:
        out.append(Masalah(f"{_n(nilai, satuan)} melebihi batas wajar {_n(r.atas, satuan)}"))
    if r.bulat and nilai != nilai.to_integral_value():
        out.append(Masalah(f"{_n(nilai, satuan)}: satuan {satuan.strip()} harus bilangan bulat"))
    if out:
        return out
    for label, p in pembanding:
        if p is None or p == 0 or nilai == 0:
            continue
        rasio = abs(nilai / p)
        if rasio > KALI:
            out.append(
                Masalah(f"{_n(nilai, satuan)} lebih dari 10 kali {label} ({_n(p, satuan)})", True)
            )
        elif rasio * KALI < 1:
            out.append(
                Masalah(
                    f"{_n(nilai, satuan)} kurang dari sepersepuluh {label} ({_n(p, satuan)})", True
                )
            )
        break
    return out
