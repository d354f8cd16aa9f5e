"""Kata dan cacah dalam kalimat narasi: akar kata untuk mencocokkan nama, angka persen, nama
program yang disebut sebelum hitungannya, dan pasangan cacah di balik sebuah persen."""

from __future__ import annotations

import re
from decimal import Decimal

_KATA_UMUM = {
    "yang",
    "dari",
    "dengan",
    "untuk",
    "pada",
    "dalam",
    "oleh",
    "atau",
    "serta",
    "terhadap",
    "jumlah",
    "persentase",
    "angka",
    "tahun",
    "kabupaten",
    "kota",
}


def _akar(teks: str) -> set[str]:
    """Akar kata kasar (lima huruf pertama) kata bermakna: untuk mencocokkan nama indikator."""
    return {
        w[:5] for w in re.findall(r"[a-z]{4,}", teks.lower()) if w not in _KATA_UMUM and len(w) >= 4
    }


def _polos(teks: str) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9]+", teks.lower())) + " "


def _akar_dalam(akar: set[str], teks: str) -> int:
    low = teks.lower()
    kata = set(re.findall(r"[a-z]{4,}", low))
    return sum(1 for a in akar if any(k.startswith(a) for k in kata) or a in low)


def angka_persen(teks: str) -> Decimal | None:
    from .pengenal import angka

    return angka(teks)


_CACAH = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d{1,7})\s+(?=[A-Za-z])")


def _nama_cacah(jendela: str, m: re.Match) -> str:
    """Nama cacah dari frasa tepat sebelum angkanya ("jumlah tenaga kerja yang dilatih … sebanyak
    200") atau dari kata sesudahnya ("22 kasus")."""
    sebelum = re.split(
        r"[,;:]|\b(?:dan|serta|ini|maka|diperoleh|sehingga|bahwa)\b",
        jendela[: m.start()],
        flags=re.I,
    )[-1]
    sebelum = re.split(r"\d[\d.,]*\s+[A-Za-z]+\s", sebelum)[-1]  # "… 1.164 orang pencari kerja"
    kerja = re.search(r"\b(menerima|terdapat)\s*$", sebelum.strip(), flags=re.I)
    sebelum = re.sub(
        r"\b(sebanyak|sejumlah|berjumlah|yaitu|adalah)\s*$", "", sebelum.strip(), flags=re.I
    )
    sebelum = re.sub(r"^(yang|jadi|data)\s+", "", sebelum.strip(), flags=re.I).strip()
    if len(sebelum) >= 8 and not kerja:
        sebelum = sebelum[:120]
        return "J" + sebelum[1:] if sebelum.lower().startswith("jumlah") else f"Jumlah {sebelum}"
    kata = re.match(r"\s*([A-Za-z]+(?:\s+[a-z]+){0,2})", jendela[m.end() :])
    return f"Jumlah {kata.group(1)}" if kata else "Cacah (dibaca dari kalimat)"


def hitungan_kalimat(jendela: str, tercetak: str) -> tuple[tuple, tuple] | None:
    """((pembilang, namanya), (penyebut, namanya)) dari cacah yang disebut sebelum persen
    tercetak, bila tepat satu pasangan cacah memberi persen itu (dibulatkan atau dipotong pada
    ketelitian tercetaknya)."""
    nilai = angka_persen(tercetak)
    if nilai is None:
        return None
    desimal = len(tercetak.split(",")[1]) if "," in tercetak else 0
    satu = Decimal(1).scaleb(-desimal)
    nama: dict[Decimal, str] = {}
    for m in _CACAH.finditer(jendela):
        if re.match(r"20\d{2}$", m.group(1)) and re.search(
            r"tahun\s*$", jendela[: m.start()], re.I
        ):
            continue  # "tahun 2022"
        c = Decimal(m.group(1).replace(".", ""))
        if c > 0 and c not in nama:
            nama[c] = _nama_cacah(jendela, m)
    cocok = {(a, b) for a in nama for b in nama if a < b and abs(a / b * 100 - nilai) < satu}
    if len(cocok) != 1:
        return None
    a, b = next(iter(cocok))
    return (a, nama[a]), (b, nama[b])


_PROGRAM_DENGAN = re.compile(
    r"\b(program\s+[^,.;:]{5,160}?)\s+(?:dengan|yang\s+(?:terdiri|didukung)\s+(?:dari|atas|oleh)"
    r"|terdiri\s+(?:dari|atas)|meliputi|didukung(?:\s+oleh)?)\s*$",
    re.IGNORECASE,
)


def program_disebut(sebelum: str, program: dict[str, str]) -> str | None | bool:
    """Kode program yang disebut tepat sebelum hitungan ('Program Hubungan Industrial dengan 2
    Kegiatan'); False bila tidak ada program yang disebut di situ; None bila disebut tetapi tidak
    dikenal (hitungan itu tidak dibandingkan dengan jumlah seluruh OPD)."""
    m = _PROGRAM_DENGAN.search(sebelum)
    if not m:
        return False
    disebut = _polos(re.sub(r"^program\s+", "", m.group(1), flags=re.IGNORECASE))
    kena = []
    for kode, nama in program.items():
        polos = _polos(re.sub(r"^program\s+", "", nama, flags=re.IGNORECASE))
        if polos.strip() and (polos in disebut or disebut in polos):
            kena.append((len(polos), kode))
            continue
        akar = _akar(nama) - {"progr"}
        if len(akar) >= 2 and _akar_dalam(akar, m.group(1)) == len(akar):
            kena.append((len(polos) - 1000, kode))
    return max(kena)[1] if kena else None
