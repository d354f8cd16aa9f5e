"""Kode nomenklatur program, kegiatan dan sub kegiatan.

Klasifikasi, kodefikasi dan nomenklatur perencanaan pembangunan dan keuangan
daerah (Permendagri 90/2019, dimutakhirkan Kepmendagri 050-5889/2021)::

    2 . 07 . 03 . 2.01 . 01
    │   │    │    │      └── sub kegiatan (2 digit; 4 digit pada pemutakhiran terbaru)
    │   │    │    └───────── kegiatan (1 digit kewenangan "." 2 digit)
    │   │    └────────────── program (2 digit; 01 = Program Penunjang)
    │   └─────────────────── bidang urusan (2 digit)
    └─────────────────────── urusan (1 digit, atau X untuk unsur penunjang)

Bentuk bertitik (``2.07.03.2.01.01``) dan bentuk berspasi yang dicetak aplikasi
SIPD (``2 07 03 2.01 01``) sama-sama diterima; bentuk kanonik bertitik.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum


class KodeError(ValueError):
    """Kode nomenklatur yang tidak dapat dibaca (pesan berbahasa Indonesia)."""


class Tingkat(IntEnum):
    URUSAN = 1
    BIDANG = 2
    PROGRAM = 3
    KEGIATAN = 4
    SUB_KEGIATAN = 5

    @property
    def label(self) -> str:
        return {
            1: "urusan",
            2: "bidang urusan",
            3: "program",
            4: "kegiatan",
            5: "sub kegiatan",
        }[int(self)]


_PATTERNS = [
    ("urusan", r"[1-8X]"),
    ("bidang", r"\d{2}"),
    ("program", r"\d{2}"),
    ("kegiatan", r"\d\.\d{2}"),
    ("sub_kegiatan", r"\d{2}(?:\d{2})?"),
]


@dataclass(frozen=True)
class Kode:
    urusan: str
    bidang: str | None = None
    program: str | None = None
    kegiatan: str | None = None
    sub_kegiatan: str | None = None

    @property
    def tingkat(self) -> Tingkat:
        parts = [self.urusan, self.bidang, self.program, self.kegiatan, self.sub_kegiatan]
        return Tingkat(sum(1 for p in parts if p is not None))

    @property
    def parts(self) -> list[str]:
        return [
            p
            for p in (self.urusan, self.bidang, self.program, self.kegiatan, self.sub_kegiatan)
            if p is not None
        ]

    def __str__(self) -> str:
        return ".".join(self.parts)

    @property
    def bidang_urusan(self) -> str | None:
        return None if self.bidang is None else f"{self.urusan}.{self.bidang}"

    def induk(self) -> Kode | None:
        """Kode satu tingkat di atasnya (sub kegiatan → kegiatan, dst.)."""
        parts = [self.urusan, self.bidang, self.program, self.kegiatan, self.sub_kegiatan]
        n = self.tingkat
        if n == Tingkat.URUSAN:
            return None
        parts[n - 1] = None
        urusan, *lain = parts
        assert urusan is not None  # tingkat ≥ bidang: urusan selalu ada
        return Kode(urusan, *lain)

    def is_penunjang(self) -> bool:
        return self.program == "01"


def parse_kode(text: object, harus: Tingkat | None = None) -> Kode:
    """Baca kode nomenklatur. ``harus`` memaksa tingkat tertentu.

    >>> str(parse_kode("2 07 03 2.01 01"))
    '2.07.03.2.01.01'
    """
    if text is None:
        raise KodeError("kode kosong")
    raw = str(text)
    s = raw.strip()
    if not s:
        raise KodeError("kode kosong")
    tokens = re.split(r"\.|\s+", s)
    if any(t == "" for t in tokens):
        raise KodeError(f"kode '{raw}' tidak dapat dibaca: ada pemisah ganda atau di ujung")
    # Kegiatan is written "2.01": rejoin the kewenangan digit with its number.
    if len(tokens) >= 5:
        tokens = tokens[:3] + [tokens[3] + "." + tokens[4]] + tokens[5:]
    elif len(tokens) == 4:
        raise KodeError(
            f"kode '{raw}' tidak lengkap: kegiatan ditulis dua bagian, mis. 2.07.03.2.01"
        )
    if len(tokens) > 5:
        raise KodeError(
            f"kode '{raw}' terlalu panjang: paling banyak sampai sub kegiatan (6 bagian)"
        )
    values: list[str | None] = [None] * 5
    for i, tok in enumerate(tokens):
        name, pattern = _PATTERNS[i]
        if not re.fullmatch(pattern, tok):
            label = Tingkat(i + 1).label
            raise KodeError(f"kode '{raw}' tidak sah: bagian {label} '{tok}' tidak sesuai format")
    for i, tok in enumerate(tokens):
        values[i] = tok
    kode = Kode(tokens[0], *values[1:])
    if harus is not None and kode.tingkat != harus:
        raise KodeError(
            f"kode '{raw}' adalah kode {kode.tingkat.label}, padahal yang diharapkan kode {harus.label}"
        )
    return kode


PENUNJANG_UMUM = "X.XX"


def kunci_nomenklatur(text: object) -> str:
    """Kunci pembanding kode nomenklatur: bentuk kanonik bertitik dengan sub kegiatan empat angka
    (``01`` dan ``0001`` sama), dan ``X.XX`` untuk Program Penunjang yang sama di setiap bidang.

    >>> kunci_nomenklatur("2 07 03 2.01 01")
    '2.07.03.2.01.0001'
    >>> kunci_nomenklatur("X.XX.01.2.06")
    'X.XX.01.2.06'
    """
    s = str(text or "").strip()
    umum = s.upper().startswith(PENUNJANG_UMUM + ".")
    kode = parse_kode("1.01" + s[len(PENUNJANG_UMUM) :] if umum else s)
    if kode.tingkat < Tingkat.PROGRAM and umum:
        raise KodeError(f"kode '{s}' tidak sah: X.XX hanya untuk Program Penunjang")
    parts = kode.parts
    if kode.sub_kegiatan is not None:
        parts[-1] = f"{int(kode.sub_kegiatan):04d}"
    if umum:
        parts[:2] = [PENUNJANG_UMUM]
    return ".".join(parts)


def kunci_umum(kunci: str) -> str | None:
    """Kunci Program Penunjang umum (``X.XX.01…``) untuk kunci program penunjang sebuah bidang."""
    parts = kunci.split(".")
    if len(parts) >= 3 and parts[2] == "01" and parts[0] != "X":
        return ".".join([PENUNJANG_UMUM, *parts[2:]])
    return None
