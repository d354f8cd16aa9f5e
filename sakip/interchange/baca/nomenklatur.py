"""Kode nomenklatur dari nama yang tercetak, untuk laporan yang tidak mencetak kode (seperti LKjIP
Denpasar 2022): nama program/kegiatan/sub kegiatan dicocokkan dengan rujukan nomenklatur
(``nomenklatur.yaml``, Kepmendagri 050-5889/2021) dan dengan setiap program/kegiatan/sub kegiatan
berkode yang sudah ada di basis data sakip. Cocok bila namanya sama setelah dinormalkan, hampir
sama (salah ketik, singkatan Kab/Kota), atau nama tercetak yang terpotong adalah awal nama rujukan.
Nama yang tidak cocok dengan yakin tidak ditebak."""

from __future__ import annotations

import difflib
import re
from functools import cache
from pathlib import Path

from sakip.core.kode import KodeError, Tingkat, parse_kode

BERKAS = Path(__file__).with_name("nomenklatur.yaml")
_GANTI = [
    (r"\bkab\.?\s*/\s*kota\b", "kabupaten/kota"),
    (r"\bkabupaten\s*/\s*kota\b", "kabupaten/kota"),
    (r"\bkab\.?\b", "kabupaten"),
    (r"\bantarkerja\b", "antar kerja"),
    (r"\bperlindungan\b", "pelindungan"),
]


def kunci(nama: str) -> str:
    """Nama yang dinormalkan: huruf kecil, singkatan di ujung dibuang, tanda baca jadi spasi."""
    t = re.sub(r"\(\s*[A-Z]{2,10}\s*\)", " ", nama or "")
    t = t.lower()
    for pola, ganti in _GANTI:
        t = re.sub(pola, ganti, t)
    return " ".join(re.findall(r"[a-z0-9]+", t))


@cache
def _rujukan_berkas() -> tuple[tuple[str, str], ...]:
    import yaml

    data = yaml.safe_load(BERKAS.read_text(encoding="utf-8"))
    return tuple((str(k), str(n)) for k, n in data["nomenklatur"])


class Nomenklatur:
    def __init__(self, entri: list[tuple[str, str]]):
        self.entri: list[tuple[str, str, Tingkat, str]] = []  # kode, nama, tingkat, kunci
        dilihat = set()
        for kode, nama in entri:
            try:
                tingkat = parse_kode(kode).tingkat
            except KodeError:
                continue
            k = kunci(nama)
            if k and (kode, k) not in dilihat:
                dilihat.add((kode, k))
                self.entri.append((kode, nama, tingkat, k))
        self.nama = {}
        for kode, nama, _, _ in self.entri:
            self.nama.setdefault(kode, nama)

    @classmethod
    def muat(cls) -> Nomenklatur:
        """Rujukan berkas ditambah program/kegiatan/sub kegiatan berkode di basis data."""
        from sakip.planning.models import Kegiatan, Program, SubKegiatan

        entri = list(_rujukan_berkas())
        for model in (Program, Kegiatan, SubKegiatan):
            entri += list(model.objects.exclude(kode="").values_list("kode", "nama").distinct())
        return cls(entri)

    def cari(self, nama: str, tingkat: Tingkat | None = None, induk: str | None = None):
        """Kode untuk ``nama`` (pada ``tingkat``, di bawah ``induk`` bila disebut), atau None."""
        k = kunci(nama)
        if len(k) < 6:
            return None
        calon = [
            e
            for e in self.entri
            if (tingkat is None or e[2] == tingkat)
            and (induk is None or e[0].startswith(induk + "."))
        ]
        skor: dict[str, float] = {}
        for kode, _, _, kr in calon:
            if kr == k:
                s = 1.0
            elif len(k) >= 25 and kr.startswith(k):
                s = 0.95  # nama tercetak terpotong di ujung sel
            else:
                s = difflib.SequenceMatcher(None, kr, k).ratio()
            skor[kode] = max(s, skor.get(kode, 0.0))
        if not skor:
            return None
        urut = sorted(skor.items(), key=lambda x: x[1], reverse=True)
        terbaik, nilai = urut[0]
        kedua = urut[1][1] if len(urut) > 1 else 0.0
        if nilai >= 0.82 and (nilai == 1.0 or nilai - kedua >= 0.05):
            return terbaik
        return None
