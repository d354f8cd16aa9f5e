"""Mengenali tabel laporan dari kata-kata kepalanya (bukan dari letaknya): pengukuran kinerja,
target Renstra, perbandingan antartahun, capaian indikator program, efisiensi, anggaran."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from sakip.core.kode import KodeError, parse_kode
from sakip.core.numbers import NumberFormatError, parse_angka

from .naskah import Tabel

_TAHUN = re.compile(r"\b(20\d{2})\b")


def angka(teks: str) -> Decimal | None:
    """Angka tercetak (cara Indonesia; Rp, %, spasi ribuan) atau None bila bukan angka."""
    t = (teks or "").strip().replace("\u2212", "-")
    t = re.sub(r"^\(?rp\.?\s*", "", t, flags=re.IGNORECASE).rstrip(")").strip()
    if not t or t in {"-", "–", "—"}:
        return None
    try:
        return parse_angka(t)
    except NumberFormatError:
        return None


def kode(teks: str, urusan: bool = False):
    """Kode nomenklatur (bertitik atau berspasi) di awal sel, atau None. ``urusan``: satu angka
    urusan saja juga kode (hanya di kolom Kode; di kolom lain itu nomor urut)."""
    t = (teks or "").strip()
    if urusan and re.fullmatch(r"[1-8X]", t):
        return parse_kode(t)
    m = re.match(r"^([1-8X](?:[.\s]\d{1,2}){1,5}(?:[.\s]\d{2,4})?)(?:\s|$)", t)
    if not m:
        return None
    try:
        return parse_kode(m.group(1).strip())
    except KodeError:
        return None


def _bukan_angka(c: str) -> bool:
    c = c.strip()
    if not c:
        return True
    n = angka(c)
    return n is None or bool(_TAHUN.fullmatch(c))


@dataclass
class Kepala:
    nama: list[str]  # nama setiap kolom, huruf kecil (kepala bertingkat digabung)
    baris: int  # jumlah baris kepala

    def kolom(self, *kata: str, tidak: tuple[str, ...] = (), mulai: int = 0) -> int | None:
        """Kolom pertama (dari ``mulai``) yang namanya memuat semua ``kata`` dan tidak ``tidak``."""
        for i, n in enumerate(self.nama):
            if i < mulai:
                continue
            if all(k in n for k in kata) and not any(t in n for t in tidak):
                return i
        return None


def kepala(sel: list[list[str]]) -> Kepala:
    """Baris kepala: baris awal yang tidak berisi angka (tahun boleh), paling banyak tiga."""
    n = 0
    for row in sel[:3]:
        if row and all(_bukan_angka(c) for c in row) and any(c.strip() for c in row):
            n += 1
        else:
            break
    n = max(n, 1)
    lebar = max(len(r) for r in sel)
    bagian: list[list[str]] = [[] for _ in range(lebar)]
    for row in sel[:n]:
        isi = list(row) + [""] * (lebar - len(row))
        kiri = ""
        for i, c in enumerate(isi):
            c = c.strip()
            if c:
                kiri = c
            elif row is not sel[n - 1]:
                c = kiri  # sel gabungan ke kanan pada kepala bertingkat
            if c and (not bagian[i] or bagian[i][-1] != c.lower()):
                bagian[i].append(c.lower())
    return Kepala([" ".join(b) for b in bagian], n)


@dataclass
class Sel:
    """Satu angka/teks tercetak dengan tempatnya."""

    teks: str
    lokasi: str

    @property
    def nilai(self) -> Decimal | None:
        return angka(self.teks)


@dataclass
class BarisIndikator:
    nama: str
    satuan: str = ""
    sasaran: str = ""
    target: Sel | None = None
    realisasi: Sel | None = None
    capaian: Sel | None = None
    tahun: int | None = None
    pembilang: Decimal | None = None
    penyebut: Decimal | None = None


@dataclass
class BarisAnggaran:
    kode: object | None  # Kode, atau None untuk baris jumlah
    nama: str
    pagu: Sel | None = None
    realisasi: Sel | None = None
    sisa: Sel | None = None
    serapan: Sel | None = None


@dataclass
class BarisEfisiensi:
    kode: object
    nama: str
    kolom: dict[str, Sel] = field(default_factory=dict)


@dataclass
class BarisTargetRenstra:
    nama: str
    satuan: str = ""
    sasaran: str = ""
    kondisi_awal: Sel | None = None
    kondisi_akhir: Sel | None = None
    target: dict[int, Sel] = field(default_factory=dict)


@dataclass
class Pengenalan:
    jenis: str  # pengukuran | renstra | perbandingan | indikator_program | efisiensi | anggaran
    tabel: Tabel
    baris: list = field(default_factory=list)
    tidak_terbaca: list[str] = field(default_factory=list)


def _sel(row: list[str], i: int | None, tabel: Tabel, n: int, teks: bool = False) -> Sel | None:
    """Sel tercetak; bukan-angka ('–', 'tidak dapat dihitung') hanya bila ``teks``."""
    if i is None or i >= len(row) or not row[i].strip():
        return None
    s = Sel(row[i].strip(), f"{tabel.lokasi}, baris {n}")
    return s if teks or s.nilai is not None else None


def _teks(row: list[str], i: int | None) -> str:
    return row[i].strip() if i is not None and i < len(row) else ""


def _tahun_tabel(t: Tabel) -> int | None:
    m = _TAHUN.findall(t.judul)
    return int(m[-1]) if m else None


def _hitungan(teks: str) -> tuple[Decimal, Decimal] | None:
    """'721 / 1.164' atau '721 dari 1.164' → (721, 1164)."""
    m = re.match(r"^\s*([\d.,]+)\s*(?:/|dari)\s*([\d.,]+)\s*$", teks or "")
    if not m:
        return None
    a, b = angka(m.group(1)), angka(m.group(2))
    return (a, b) if a is not None and b else None


def kenali(t: Tabel) -> Pengenalan | None:
    """Jenis tabel dari kata kepalanya, dengan baris-barisnya; None bila tidak dikenali."""
    if not t.sel or max(len(r) for r in t.sel) < 2:
        return None
    k = kepala(t.sel)
    ada = " | ".join(k.nama)
    i_kode = k.kolom("kode")
    if "efisiensi" in ada and (i_kode is not None or k.kolom("program") is not None):
        return _efisiensi(t, k)
    if (k.kolom("pagu") is not None or k.kolom("anggaran") is not None) and k.kolom(
        "realisasi"
    ) is not None:
        if i_kode is not None or any(kode(r[0] if r else "") for r in t.sel[k.baris :]):
            return _anggaran(t, k)
    i_ind = k.kolom("indikator")
    if i_ind is not None and k.kolom("target") is not None and k.kolom("triwulan") is None:
        if i_kode is not None:
            return None  # capaian indikator program/kegiatan: dibaca kemudian (issue 13 bagian 2)
        tahun = [int(y) for n in k.nama for y in _TAHUN.findall(n)]
        if k.kolom("realisasi") is None and len(set(tahun)) >= 2:
            return _renstra(t, k)
        if k.kolom("realisasi") is not None and k.kolom("capaian") is not None:
            if k.kolom("akhir") is not None:
                return None  # capaian terhadap target akhir Renstra: bagian 2
            return _pengukuran(t, k)
    return None


def _pengukuran(t: Tabel, k: Kepala) -> Pengenalan:
    p = Pengenalan("pengukuran", t)
    i_ind = k.kolom("indikator")
    i_sat = k.kolom("satuan")
    i_sas = k.kolom("sasaran")
    i_tgt = k.kolom("target", tidak=("akhir",))
    i_real = k.kolom("realisasi")
    i_cap = k.kolom("capaian")
    i_hit = k.kolom("hitungan")
    tahun = _tahun_tabel(t)
    sasaran = ""
    for n, row in enumerate(t.sel[k.baris :], k.baris + 1):
        nama = _teks(row, i_ind)
        if i_sas is not None and _teks(row, i_sas):
            sasaran = _teks(row, i_sas)
        if not nama or nama.lower() in {"jumlah", "rata-rata", "total"}:
            continue
        b = BarisIndikator(
            nama=nama,
            satuan=_teks(row, i_sat),
            sasaran=sasaran,
            target=_sel(row, i_tgt, t, n),
            realisasi=_sel(row, i_real, t, n),
            capaian=_sel(row, i_cap, t, n, teks=True),
            tahun=tahun,
        )
        h = _hitungan(_teks(row, i_hit))
        if h:
            b.pembilang, b.penyebut = h
        if b.target is None and b.realisasi is None:
            p.tidak_terbaca.append(f"{t.lokasi}, baris {n}: {' | '.join(row)}")
            continue
        p.baris.append(b)
    return p


def _renstra(t: Tabel, k: Kepala) -> Pengenalan:
    p = Pengenalan("renstra", t)
    i_ind = k.kolom("indikator")
    i_sat = k.kolom("satuan")
    i_sas = k.kolom("sasaran")
    i_awal = k.kolom("kondisi awal")
    i_akhir = k.kolom("kondisi akhir")
    kolom_tahun = {}
    for i, nama in enumerate(k.nama):
        m = _TAHUN.findall(nama)
        if m and "kondisi" not in nama:
            kolom_tahun[i] = int(m[-1])
    sasaran = ""
    for n, row in enumerate(t.sel[k.baris :], k.baris + 1):
        nama = _teks(row, i_ind)
        if i_sas is not None and _teks(row, i_sas):
            sasaran = _teks(row, i_sas)
        if not nama:
            continue
        b = BarisTargetRenstra(
            nama=nama,
            satuan=_teks(row, i_sat),
            sasaran=sasaran,
            kondisi_awal=_sel(row, i_awal, t, n),
            kondisi_akhir=_sel(row, i_akhir, t, n),
        )
        for i, th in kolom_tahun.items():
            s = _sel(row, i, t, n)
            if s is not None and s.nilai is not None:
                b.target[th] = s
        p.baris.append(b)
    return p


def _anggaran(t: Tabel, k: Kepala) -> Pengenalan:
    p = Pengenalan("anggaran", t)
    i_kode = k.kolom("kode")
    i_pagu = k.kolom("pagu")
    if i_pagu is None:
        i_pagu = k.kolom("anggaran")
    i_real = k.kolom("realisasi", mulai=i_pagu + 1) if i_pagu is not None else None
    mulai = (i_real or 0) + 1
    i_sisa = k.kolom("sisa", mulai=mulai)
    i_ser = k.kolom("serapan", mulai=mulai)
    if i_ser is None:
        i_ser = k.kolom("%", mulai=mulai)
    if i_ser is None and i_real is not None and i_real + 1 < len(k.nama):
        nxt = k.nama[i_real + 1]
        i_ser = i_real + 1 if nxt.endswith("%") or nxt.endswith("(%)") else None
    i_nama = (i_kode + 1) if i_kode is not None else 0
    for n, row in enumerate(t.sel[k.baris :], k.baris + 1):
        kd = kode(_teks(row, i_kode), True) if i_kode is not None else kode(_teks(row, 0))
        nama = _teks(row, i_nama)
        if kd is None and i_kode is None:
            nama = re.sub(r"^\S+\s+", "", _teks(row, 0))
        label = " ".join(c for c in row[: i_nama + 1] if c).lower()
        jumlah = kd is None and bool(re.search(r"\b(jumlah|total)\b", label))
        if kd is None and not jumlah:
            if any(angka(c) is not None for c in row[i_nama + 1 :] if c.strip()):
                p.tidak_terbaca.append(f"{t.lokasi}, baris {n}: {' | '.join(row)}")
            continue
        b = BarisAnggaran(
            kode=kd,
            nama=nama if kd is not None else "Jumlah",
            pagu=_sel(row, i_pagu, t, n),
            realisasi=_sel(row, i_real, t, n),
            sisa=_sel(row, i_sisa, t, n),
            serapan=_sel(row, i_ser, t, n),
        )
        if b.pagu is None and b.realisasi is None:
            continue  # baris judul program/kegiatan tanpa angka (mis. di tabel gabungan)
        p.baris.append(b)
    return p


_EFISIENSI = [
    ("capaian_output", ("output",), ("rencana",)),
    ("capaian_input", ("input",), ("rencana",)),
    ("indeks_efisiensi", ("indeks",), ()),
    ("rencana_output", ("rencana", "output"), ()),
    ("rencana_input", ("rencana", "input"), ()),
    ("standar_efisiensi", ("standar",), ()),
    ("tingkat_efisiensi", ("tingkat",), ()),
    ("kesimpulan", ("kesimpulan",), ()),
]


def _efisiensi(t: Tabel, k: Kepala) -> Pengenalan:
    p = Pengenalan("efisiensi", t)
    i_kode = k.kolom("kode")
    kolom = {}
    for atribut, kata, tidak in _EFISIENSI:
        i = k.kolom(*kata, tidak=tidak)
        if i is not None and i != i_kode:
            kolom[atribut] = i
    i_nama = (i_kode + 1) if i_kode is not None else 1
    for n, row in enumerate(t.sel[k.baris :], k.baris + 1):
        kd = kode(_teks(row, i_kode)) if i_kode is not None else kode(_teks(row, i_nama))
        if kd is None:
            continue
        b = BarisEfisiensi(kd, _teks(row, i_nama))
        for atribut, i in kolom.items():
            s = _sel(row, i, t, n, teks=atribut == "kesimpulan")
            if s is not None:
                b.kolom[atribut] = s
        p.baris.append(b)
    return p
