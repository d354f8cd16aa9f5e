"""Bagian dasar pembaca buku kerja perencana: asal setiap mapping (lembar, baris, kolom), pembacaan
nilai sel (teks, angka, target rentang, tanggal) dan baris-baris satu lembar menurut judul kolomnya."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from .buku_rencana import K_ALASAN_BERHENTI, K_BERHENTI, TARGET
from .dasar import Masalah
from .yamlio import LDict, LList

_YA = {"ya", "y", "iya", "x", "v", "✓", "1", "true", "benar"}
_TIDAK = {"tidak", "t", "n", "no", "0", "false", "salah"}
_RENTANG = re.compile(r"\s*(?:–|—|s\.?d\.?|s/d|\s-\s)\s*", re.IGNORECASE)


class _Asal:
    """Asal setiap mapping: (lembar, baris, {kunci: (kolom, baris)}); ``LDict.line`` = nomornya."""

    def __init__(self) -> None:
        self.daftar: list[tuple[str, int, dict[str, tuple[str, int]]]] = []

    def node(self, lembar: str, baris: int, kolom: dict[str, str] | None = None, cls=LDict):
        self.daftar.append((lembar, baris, {k: (v, baris) for k, v in (kolom or {}).items()}))
        n = cls()
        n.line = len(self.daftar)
        return n

    def kolom(self, n, kunci: str, judul: str, baris: int) -> None:
        self.daftar[n.line - 1][2][kunci] = (judul, baris)

    def terjemah(self, m: Masalah) -> Masalah:
        if not m.baris or not 1 <= m.baris <= len(self.daftar):
            return m
        lembar, baris, kolom = self.daftar[m.baris - 1]
        ekor = m.lokasi.rsplit(" › ", 1)[-1].split(" (", 1)[0].strip()
        if ekor in kolom:
            judul, baris = kolom[ekor]
            return Masalah(f"Lembar '{lembar}', baris {baris}, kolom '{judul}'", m.pesan)
        return Masalah(f"Lembar '{lembar}', baris {baris}", f"{m.pesan} ({m.lokasi})")


def _teks(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "Ya" if v else ""
    if isinstance(v, float):
        return repr(v)[:-2] if v.is_integer() else repr(v)
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v).strip()


def _angka(v):
    """Sel angka: angka Excel menjadi Decimal persis; teks dibiarkan untuk dibaca validasi
    (cara Indonesia: 1.164 · 8,33), sehingga pesannya sama dengan berkas YAML."""
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, float):
        return Decimal(repr(v))
    if isinstance(v, str):
        return v.strip()
    return v


def _target(v):
    v = _angka(v)
    if isinstance(v, str):
        bagian = _RENTANG.split(v)
        if len(bagian) == 2 and all(bagian):
            return LList(bagian)
    return v


def _tanggal(v) -> str:
    if isinstance(v, (dt.date, dt.datetime)):
        return _teks(v)
    t = _teks(v)
    m = re.fullmatch(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})", t)
    return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}" if m else t


class _Lembar:
    """Baris-baris satu lembar sebagai dict judul kolom → nilai, dengan nomor barisnya."""

    def __init__(self, baca: Any, nama: str, kolom: tuple[str, ...], target: bool = False):
        self.nama = nama
        self.baris: list[tuple[int, dict]] = []
        self.target_kolom: dict[str, int] = {}
        ws = baca.wb.lembar.get(nama)
        if ws is None or not ws.baris:
            return
        judul = [_teks(x) for x in ws.baris[0]]
        indeks: dict[str, int] = {}
        for i, j in enumerate(judul):
            if not j:
                continue
            if target and j.startswith(TARGET) and j[len(TARGET) :].strip().isdigit():
                self.target_kolom[j] = int(j[len(TARGET) :].strip())
            elif j not in kolom:
                baca.galat(
                    nama,
                    1,
                    j,
                    "kolom tidak dikenal; unduh buku kerja dari sakip dan jangan "
                    "mengubah judul kolom",
                )
                continue
            if j in indeks:
                baca.galat(nama, 1, j, "judul kolom ditulis dua kali")
            indeks[j] = i
        for n, row in enumerate(ws.baris[1:], 2):
            if not any(v is not None and _teks(v) != "" for v in row):
                continue
            self.baris.append((n, {j: row[i] if i < len(row) else None for j, i in indeks.items()}))


def baca_berhenti(asal: _Asal, lb: _Lembar, n: int, row: dict, d) -> None:
    """Kolom "Berhenti mulai tahun" dan "Alasan berhenti" → ``berhenti: {tahun, alasan}``."""
    tahun, alasan = row.get(K_BERHENTI), _teks(row.get(K_ALASAN_BERHENTI))
    if (tahun is None or _teks(tahun) == "") and not alasan:
        return
    b = asal.node(lb.nama, n, {"tahun": K_BERHENTI, "alasan": K_ALASAN_BERHENTI})
    if tahun is not None and _teks(tahun) != "":
        t = _angka(tahun)
        b["tahun"] = int(t) if isinstance(t, (int, Decimal)) and t == int(t) else _teks(tahun)
    if alasan:
        b["alasan"] = alasan
    d["berhenti"] = b
