"""Dasar bersama kedua format berkas pertukaran (OPD-tahun ``schema`` dan Pemda ``pemda``):
masalah beserta letaknya (baris, jalur), konteks validasi yang mengumpulkan *semua* masalah, dan
pembaca nilai yang sama (slug, target tunggal atau rentang, orang, teks polos)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from sakip.core.kode import KodeError, Tingkat, parse_kode
from sakip.core.numbers import NumberFormatError, to_decimal

from .yamlio import LDict

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Masalah:
    lokasi: str
    pesan: str
    baris: int | None = None

    def __str__(self) -> str:
        where = f"baris {self.baris}, " if self.baris else ""
        return f"{where}{self.lokasi}: {self.pesan}" if self.lokasi else f"{where}{self.pesan}"


class InvalidDocument(ValueError):
    def __init__(self, masalah: list[Masalah]):
        self.masalah = masalah
        super().__init__("\n".join(str(m) for m in masalah))


class Konteks:
    def __init__(self) -> None:
        self.errors: list[Masalah] = []

    def err(self, path: str, msg: str, node=None) -> None:
        line = getattr(node, "line", None) or None
        self.errors.append(Masalah(path, msg, line))

    # -- scalars -----------------------------------------------------------
    def mapping(self, node, path: str, required: bool = True) -> LDict | None:
        if node is None:
            if required:
                self.err(path, "wajib diisi")
            return None
        if not isinstance(node, dict):
            self.err(path, "harus berupa pasangan kunci: nilai (mapping)", node)
            return None
        return node

    def seq(self, parent: dict, key: str, path: str) -> list:
        node = parent.get(key)
        if node is None:
            return []
        if not isinstance(node, list):
            self.err(f"{path} › {key}", "harus berupa daftar (list)", parent)
            return []
        return node

    def text(self, m: dict, key: str, path: str, required: bool = False, default: str = "") -> str:
        value = m.get(key)
        if value is None or value == "":
            if required:
                self.err(f"{path} › {key}", "wajib diisi", m)
            return default
        if isinstance(value, (dict, list)):
            self.err(f"{path} › {key}", "harus berupa teks", m)
            return default
        if isinstance(value, Decimal):
            return teks_polos(value)
        return str(value).strip()

    def number(
        self, m: dict, key: str, path: str, required: bool = False, minimum: Decimal | None = None
    ) -> Decimal | None:
        value = m.get(key)
        return self.number_value(value, f"{path} › {key}", m, required, minimum)

    def number_value(
        self, value, path: str, node, required: bool = False, minimum: Decimal | None = None
    ) -> Decimal | None:
        if value is None or value == "":
            if required:
                self.err(path, "wajib diisi", node)
            return None
        if isinstance(value, (dict, list, bool)):
            self.err(path, f"'{value}' bukan angka", node)
            return None
        try:
            d = to_decimal(value)
        except NumberFormatError as exc:
            self.err(path, str(exc), node)
            return None
        if minimum is not None and d < minimum:
            self.err(path, f"tidak boleh kurang dari {minimum} (tertulis {value})", node)
            return None
        return d

    def year(self, value, path: str, node, required: bool = True) -> int | None:
        if value is None:
            if required:
                self.err(path, "tahun wajib diisi", node)
            return None
        if isinstance(value, bool) or not isinstance(value, (int, str, Decimal)):
            self.err(path, f"'{value}' bukan tahun", node)
            return None
        try:
            y = int(str(value).strip())
        except ValueError:
            self.err(path, f"'{value}' bukan tahun", node)
            return None
        if not 2000 <= y <= 2100:
            self.err(path, f"tahun {y} di luar rentang 2000–2100", node)
            return None
        return y

    def choice(
        self, m: dict, key: str, path: str, options, default: str | None = None
    ) -> str | None:
        value = m.get(key, default)
        if value is None:
            return None
        if str(value) not in options:
            self.err(
                f"{path} › {key}", f"'{value}' tidak dikenal; pilihan: {', '.join(options)}", m
            )
            return default
        return str(value)

    def boolean(self, m: dict, key: str, path: str, default: bool = False) -> bool:
        value = m.get(key, default)
        if not isinstance(value, bool):
            self.err(f"{path} › {key}", "harus true atau false", m)
            return default
        return value

    def date(self, m: dict, key: str, path: str) -> dt.date | None:
        value = m.get(key)
        if value in (None, ""):
            return None
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.err(
                f"{path} › {key}", f"'{value}' bukan tanggal (tulis TTTT-BB-HH, mis. 2025-01-23)", m
            )
            return None

    def unknown_keys(self, m: dict, allowed: set[str], path: str) -> None:
        for key in m:
            if key not in allowed:
                self.err(path, f"kunci '{key}' tidak dikenal", m)

    def kode(self, m: dict, key: str, path: str, tingkat: Tingkat, required: bool = True):
        value = m.get(key)
        if value in (None, ""):
            if required:
                self.err(f"{path} › {key}", "kode wajib diisi", m)
            return None
        try:
            return parse_kode(str(value), harus=tingkat)
        except KodeError as exc:
            self.err(f"{path} › {key}", str(exc), m)
            return None


def nilai_target(ctx: Konteks, value, path: str, node):
    """Target tunggal atau rentang [bawah, atas]."""
    if isinstance(value, list):
        if len(value) != 2:
            ctx.err(path, "target rentang ditulis [batas bawah, batas atas]", node)
            return None
        lo = ctx.number_value(value[0], path + " (batas bawah)", node, required=True)
        hi = ctx.number_value(value[1], path + " (batas atas)", node, required=True)
        if lo is None or hi is None:
            return None
        if hi < lo:
            ctx.err(path, f"batas atas {hi} lebih kecil dari batas bawah {lo}", node)
            return None
        return {"nilai": lo, "nilai_atas": hi}
    n = ctx.number_value(value, path, node, required=True)
    return None if n is None else {"nilai": n, "nilai_atas": None}


def orang(ctx: Konteks, m, path: str, keys=("nama", "jabatan", "pangkat", "nip")) -> dict:
    if m is None:
        return {k: "" for k in keys}
    m = ctx.mapping(m, path)
    if m is None:
        return {k: "" for k in keys}
    ctx.unknown_keys(m, set(keys), path)
    return {k: ctx.text(m, k, path) for k in keys}


def teks_polos(value) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def kondisi_awal(ctx: Konteks, m, path: str) -> tuple[Decimal | None, int | None]:
    """Kondisi awal indikator, satu bentuk untuk kedua format berkas:
    ``kondisi_awal: {tahun: 2020, nilai: 85}`` (atau angka saja bila tahunnya tidak tercatat).

    Bentuk lama berkas Pemda (``kondisi_awal: 85`` dengan ``kondisi_awal_tahun: 2020`` di
    sampingnya) tetap terbaca; ekspor selalu menulis bentuk yang satu."""
    ka = m.get("kondisi_awal")
    lama = m.get("kondisi_awal_tahun")
    if isinstance(ka, dict):
        if lama is not None:
            ctx.err(
                f"{path} › kondisi_awal_tahun",
                "tahun kondisi awal sudah ditulis di kondisi_awal {tahun, nilai}; hapus baris ini",
                m,
            )
        lain = [k for k in ka if k not in ("tahun", "nilai")]
        if lain:
            # {tahun: 2020, nilai: 7,62} terbaca nilai 7 dan kunci '62': koma desimal di dalam {…}
            ctx.err(
                f"{path} › kondisi_awal",
                f"kunci '{lain[0]}' tidak dikenal; di dalam {{…}} tulis angka berkoma dengan tanda "
                "kutip, mis. nilai: '7,62'",
                ka,
            )
            return None, None
        nilai = ctx.number(ka, "nilai", f"{path} › kondisi_awal", required=True)
        tahun = ctx.year(ka.get("tahun"), f"{path} › kondisi_awal › tahun", ka, required=False)
        return nilai, tahun
    nilai = ctx.number_value(ka, f"{path} › kondisi_awal", m) if ka is not None else None
    tahun = ctx.year(lama, f"{path} › kondisi_awal_tahun", m, required=False)
    return nilai, tahun
