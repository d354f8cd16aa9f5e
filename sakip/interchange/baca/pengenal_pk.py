"""Mengenali tabel Perjanjian Kinerja (PK murni dan PK Perubahan) dari judul dan kepalanya: target
setiap indikator, dan tabel program dengan anggarannya dalam PK itu."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .naskah import Tabel
from .pengenal import (
    BarisIndikator,
    Kepala,
    Pengenalan,
    Sel,
    _baris_indikator,
    _sel,
    _teks,
    kode,
)

_PK = re.compile(r"perjanjian\s+kinerja|\bPK\b", re.IGNORECASE)


def judul_pk(t: Tabel) -> bool:
    """Judul tabel menyebut Perjanjian Kinerja (bukan Rencana Aksi atau pengukuran atas PK)."""
    j = t.judul or ""
    return bool(_PK.search(j)) and not re.search(
        r"rencana\s+aksi|pengukuran|realisasi|capaian", j, re.IGNORECASE
    )


def versi_pk(judul: str) -> int:
    """'… (PK Murni)' → 1; '… Perubahan' → 2; '… Perubahan ke-2' → 3."""
    m = re.search(r"perubahan\s+ke[-\s]?(\d+)", judul, re.IGNORECASE)
    if m:
        return int(m.group(1)) + 1
    return 2 if re.search(r"perubahan", judul, re.IGNORECASE) else 1


@dataclass
class BarisAnggaranPK:
    kode: object
    nama: str
    pagu: Sel


def kenali_pk(t: Tabel, k: Kepala) -> Pengenalan | None:
    """Tabel PK berjudul Perjanjian Kinerja tanpa kolom realisasi: ``pk`` (indikator dan target)
    atau ``pk_anggaran`` (program dan anggarannya)."""
    if not judul_pk(t) or k.kolom("realisasi") is not None:
        return None
    if k.kolom("indikator") is not None and k.kolom("target") is not None:
        return _pk(t, k)
    i_prog = k.kolom("program")
    i_ang = k.kolom("anggaran", mulai=(i_prog or 0) + 1)
    if i_ang is None:
        i_ang = k.kolom("pagu")
    if i_prog is not None and i_ang is not None:
        return _pk_anggaran(t, k, i_prog, i_ang)
    return None


def _pk(t: Tabel, k: Kepala) -> Pengenalan:
    p = Pengenalan("pk", t, nama=str(versi_pk(t.judul)))
    i_tgt = k.kolom("target")
    for n, row, nama, sasaran in _baris_indikator(t, k):
        s = _sel(row, i_tgt, t, n, teks=True)
        if s is None:
            p.tidak_terbaca.append(f"{t.lokasi}, baris {n}: {' | '.join(row)}")
            continue
        b = BarisIndikator(nama=nama, sasaran=sasaran, target=s)
        m = re.match(r"^-?[\d.,]*\d\s*(.*)$", s.teks)
        b.satuan = m.group(1).strip() if m else ""
        p.baris.append(b)
    return p


def _pk_anggaran(t: Tabel, k: Kepala, i_prog: int, i_ang: int) -> Pengenalan:
    p = Pengenalan("pk_anggaran", t, nama=str(versi_pk(t.judul)))
    for n, row in enumerate(t.sel[k.baris :], k.baris + 1):
        teks = _teks(row, i_prog)
        kd = kode(teks)
        s = _sel(row, i_ang, t, n)
        if kd is None:
            if s is not None and not re.match(r"^\s*(jumlah|total)\b", teks, re.IGNORECASE):
                p.tidak_terbaca.append(f"{t.lokasi}, baris {n}: {' | '.join(row)}")
            continue
        if s is None:
            continue
        nama = re.sub(r"^\S+\s*", "", teks).strip()
        p.baris.append(BarisAnggaranPK(kd, nama, s))
    return p
