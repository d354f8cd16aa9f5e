"""Pembantu penyusun draf laporan tercetak: hasil pembacaan, identitas dari sampul, pencocokan
nama, dan angka/polaritas seperti yang ditulis berkas pertukaran."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from sakip.core.kode import Tingkat

from .naskah import BacaError, Naskah
from .pengenal import (
    BarisIndikator,
)

_OPD = re.compile(
    r"^(DINAS|BADAN|SEKRETARIAT|INSPEKTORAT|KECAMATAN|SATUAN|KANTOR|RUMAH SAKIT|BAGIAN|"
    r"KELURAHAN|UPTD)\b"
)
_PEMDA = re.compile(r"^(?:PEMERINTAH\s+)?(KABUPATEN|KOTA|PROVINSI)\s+([A-Z][A-Z .'-]+)$")
_IKU = re.compile(r"\s*\(IKU\)\s*$", re.IGNORECASE)  # tanda IKU di belakang nama indikator
_KECIL = {"dan", "di", "ke", "dari", "yang", "untuk", "atas", "serta", "pada", "dengan", "oleh"}
_TINGKAT_KATA = {
    "program": Tingkat.PROGRAM,
    "kegiatan": Tingkat.KEGIATAN,
    "sub kegiatan": Tingkat.SUB_KEGIATAN,
}
JENIS_LABEL = {
    "pengukuran": "pengukuran kinerja",
    "renstra": "target Renstra",
    "anggaran": "anggaran",
    "efisiensi": "efisiensi",
    "indikator_program": "capaian indikator program",
    "capaian_renstra": "capaian terhadap target akhir Renstra",
    "pk": "Perjanjian Kinerja",
    "pk_anggaran": "program dan anggaran Perjanjian Kinerja",
}


@dataclass
class HasilBaca:
    """Draf dan laporan pembacaannya."""

    draf: dict
    teks: str  # draf sebagai YAML, siap untuk ``sakip import``
    dibaca: list[str] = field(default_factory=list)  # tabel yang dibaca dan isinya
    tidak_terbaca: list[str] = field(default_factory=list)  # tempat dan teks yang tidak ditempatkan
    jumlah_angka: int = 0
    halaman: int | None = None  # jumlah halaman PDF
    berselisih: list[str] = field(default_factory=list)  # satu indikator-tahun, dua angka tercetak

    def laporan(self) -> str:
        opd, tahun = self.draf["opd"]["nama"], self.draf["tahun"]
        out = [f"Dibaca: {opd} tahun {tahun} ({self.jumlah_angka} angka tercetak ditempatkan)."]
        out += [f"  • {d}" for d in self.dibaca]
        if self.tidak_terbaca:
            out.append(f"Tidak dapat ditempatkan ({len(self.tidak_terbaca)}), periksa manual:")
            out += [f"  • {t}" for t in self.tidak_terbaca]
        else:
            out.append("Semua tabel berangka dapat ditempatkan.")
        if self.berselisih:
            out.append(
                f"Angka tercetak yang berselisih ({len(self.berselisih)}): satu indikator-tahun "
                "dengan dua angka; reviu menyebut mana yang menyimpang:"
            )
            out += [f"  • {t}" for t in self.berselisih]
        return "\n".join(out)


def _judul_kata(teks: str) -> str:
    kata = teks.strip().split()
    out = []
    for i, k in enumerate(kata):
        lk = k.lower()
        if i and lk in _KECIL:
            out.append(lk)
        elif re.fullmatch(r"\(?[A-Z]{2,}\)?", k) and lk.strip("()") in {"lkjip", "uptd", "rsud"}:
            out.append(k)
        else:
            out.append(lk[:1].upper() + lk[1:])
    return " ".join(out)


def _identitas(n: Naskah) -> dict:
    awal = [re.sub(r"[*_]", "", b.teks).strip() for b in n.baris[:60] if b.teks.strip()]
    tahun = None
    for t in awal:
        m = re.search(r"\bTAHUN\s+(20\d{2})\b", t.upper())
        if m:
            tahun = int(m.group(1))
            break
    opd = next((t for t in awal if _OPD.match(t.upper())), None)
    pemda = None
    for t in awal:
        m = _PEMDA.match(t.upper().strip())
        if m:
            pemda = (m.group(1).lower(), _judul_kata(f"{m.group(1)} {m.group(2)}"))
            break
    if opd and pemda is None:
        m = re.search(r"\b(KABUPATEN|KOTA|PROVINSI)\s+([A-Z][A-Z .'-]+)$", opd.upper())
        if m:
            pemda = (m.group(1).lower(), _judul_kata(f"{m.group(1)} {m.group(2)}"))
    if tahun is None:
        raise BacaError(
            "Tahun laporan tidak terbaca: baris 'TAHUN 20xx' tidak ditemukan di halaman sampul."
        )
    if opd is None:
        raise BacaError(
            "Nama Perangkat Daerah tidak terbaca dari halaman sampul (baris berawalan DINAS, "
            "BADAN, KECAMATAN, …)."
        )
    nama_opd = _judul_kata(opd)
    if pemda and pemda[1].lower() not in nama_opd.lower():
        nama_opd = f"{nama_opd} {pemda[1]}"
    if pemda is None:
        raise BacaError(
            f"Pemda '{nama_opd}' tidak terbaca dari halaman sampul (baris KABUPATEN/KOTA/PROVINSI …)."
        )
    return {"tahun": tahun, "opd": nama_opd, "pemda_jenis": pemda[0], "pemda": pemda[1]}


def _norm(nama: str) -> str:
    """Kunci pencocokan nama: huruf kecil, tanpa tanda baca, tanpa singkatan di ujung ('(TPAK)')."""
    nama = re.sub(r"\s*\(\s*[A-Z]{2,10}\s*\)\s*$", "", nama.strip())
    return re.sub(r"[^a-z0-9]+", " ", nama.lower()).strip()


def _cocokkan(nama: list[str], pemilik: list[tuple[str, str]]) -> list[str | None]:
    """Kode setiap nama (baris tabel tanpa kode) menurut susunan program, berurutan: nama yang
    mirip (salah ketik salinan) di depan penunjuk; pemilik yang namanya tak terbaca diterima bila
    tepat berikutnya."""
    import difflib

    out: list[str | None] = []
    i = 0
    norm = [(_norm(n), k) for k, n in pemilik]
    for nm in nama:
        key = _norm(nm)
        terbaik, skor = None, 0.0
        for j in range(i, min(len(norm), i + 8)):
            n, _ = norm[j]
            r = 1.0 if n == key else difflib.SequenceMatcher(None, n, key).ratio()
            if n.startswith("nama ") and n.endswith(" tidak terbaca") and j == i:
                r = max(r, 0.8)
            if r > skor:
                terbaik, skor = j, r
        if terbaik is not None and skor >= 0.75:
            out.append(norm[terbaik][1])
            i = terbaik + 1
        else:
            out.append(None)
    return out


def _num(d: Decimal | None):
    if d is None:
        return None
    return int(d) if d == d.to_integral_value() else d.normalize()


kunci_nama = _norm  # untuk pencocokan di luar modul ini (tes cakupan)


def _polaritas(b: BarisIndikator) -> tuple[str, str]:
    """Polaritas yang sesuai dengan capaian tercetak (naik bila tidak dapat disimpulkan)."""
    t = b.target.nilai if b.target else None
    r = b.realisasi.nilai if b.realisasi else None
    c = b.capaian.nilai if b.capaian else None
    if t is None or r is None or c is None or t == 0:
        return _polaritas_nama(b.nama)
    naik = r / t * 100
    turun = (2 - r / t) * 100
    if abs(naik - c) <= Decimal("0.6"):
        return "naik", ""
    if abs(turun - c) <= Decimal("0.6"):
        return "turun", "polaritas 'turun' disimpulkan dari capaian tercetak"
    return _polaritas_nama(b.nama)


_TURUN = re.compile(
    r"\b(perselisihan|pengangguran|kemiskinan|kasus|kecelakaan|kematian|pelanggaran|sengketa)\b",
    re.IGNORECASE,
)


# "kasus yang diselesaikan", "penurunan angka pengangguran": yang dihitung adalah keberhasilan
# menangani/menurunkan hal buruk itu — makin tinggi makin baik
_NAIK = re.compile(
    r"\b(diselesaikan|terselesaikan|penyelesaian|ditangani|tertangani|penanganan|dicegah|"
    r"pencegahan|penurunan|berkurangnya|menurunnya|turunnya)\b",
    re.IGNORECASE,
)


def _polaritas_nama(nama: str) -> tuple[str, str]:
    if _TURUN.search(nama) and not _NAIK.search(nama):
        return "turun", "polaritas 'turun' disimpulkan dari nama indikator; periksa"
    return "naik", ""
