"""Kalimat narasi yang menyebut angka atau penilaian, sebagai klaim tercetak dengan tempatnya.

Yang dibaca dari Ikhtisar, uraian Bab III dan Bab IV (tidak dari Daftar Isi dan tabel):

- jumlah program / kegiatan / sub kegiatan ("5 ( lima ) program dengan 12 kegiatan"), juga per
  bidang urusan ("Urusan … Bidang Ketenagakerjaan … didukung 4 program") dan bersyarat ("6 Kegiatan
  … kurang dari 70 %", "1 Program yang tidak efisien", "terdapat 11 yang efisien dan 1 yang tidak
  efisien");
- anggaran seluruh OPD: pagu ("dengan anggaran sebesar Rp. 6.214.545.759,00"), realisasi, serapan
  ("realisasi anggaran … sebesar 92,98 %", "daya serap anggaran mencapai 97%");
- rata-rata capaian per tingkat ("di Program sebesar 106,23 %, di Kegiatan …");
- capaian atau realisasi sebuah indikator yang namanya disebut di kalimat itu ("tingkat
  partisipasi angkatan kerja mencapai 181,67 % di Tahun 2024");
- penilaian: "tercapai", "melampaui target", "telah berhasil", "belum tercapai" — untuk indikator
  yang disebut namanya, atau untuk kinerja OPD secara umum.

Kalimat berangka (persen atau rupiah) yang tidak dapat ditempatkan didaftar, tidak dibuang.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .narasi_kata import (
    _akar,
    _akar_dalam,
    _polos,
    angka_persen,
    hitungan_kalimat,
    program_disebut,
)
from .naskah import Naskah, judul_tabel

_BAB = re.compile(r"^bab\s+([ivx]+|\d)\b", re.IGNORECASE)
_ROMAWI = {"1": "I", "2": "II", "3": "III", "4": "IV", "5": "V"}
_NOMOR_JUDUL = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\S.*)$")
_BAGIAN_KHUSUS = {
    "ikhtisar eksekutif": "Ikhtisar Eksekutif",
    "ringkasan eksekutif": "Ringkasan Eksekutif",
    "ringkasan": "Ringkasan Eksekutif",
    "ikhtisar": "Ikhtisar Eksekutif",
    "kata pengantar": "Kata Pengantar",
    "daftar isi": "Daftar Isi",
    "daftar tabel": "Daftar Tabel",
    "daftar gambar": "Daftar Gambar",
    "lampiran": "Lampiran",
}
_DILEWATI = {"Daftar Isi", "Daftar Tabel", "Daftar Gambar"}
_SINGKATAN = {"rp", "kab", "no", "sub", "kec", "prov", "dr", "ir", "jl", "dll", "dsb", "tbk", "st"}
_TINGKAT = r"(sub\.?\s*kegiatan|kegiatan|program)"
_ITEM = re.compile(
    rf"(?<![\d.,/])(\d{{1,3}})(?:\s*\(\s*[A-Za-z ]{{3,30}}\s*\))?\s*{_TINGKAT}\b", re.IGNORECASE
)
_PENGHUBUNG = re.compile(r"^\s*(?:,|dan|dengan|serta|&)?\s*(?:,|dan|dengan|serta)?\s*$", re.I)
_PERSEN = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d{1,2})?)\s*%")
_RUPIAH = re.compile(r"(Rp\.?\s*\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?)", re.IGNORECASE)
_POSITIF = re.compile(
    r"\b(melampaui target|melebihi target|telah berhasil|berhasil dicapai|berhasil mencapai|"
    r"tercapai|mencapai target|sesuai dengan target|sesuai target)\b",
    re.IGNORECASE,
)
_NEGASI = re.compile(
    r"\b(belum|tidak|kurang|gagal)\s+(?:\w+\s+){0,2}?(tercapai|berhasil|mencapai target|sesuai)\b",
    re.IGNORECASE,
)
_SUBJEK_OPD = re.compile(
    r"\b(dinas|badan|skpd|opd|perangkat daerah|secara umum|secara keseluruhan|kecamatan)\b",
    re.IGNORECASE,
)


@dataclass
class Paragraf:
    bagian: str  # "Ikhtisar Eksekutif", "Bab III 3.2. Realisasi Anggaran"
    lokasi: str  # "baris 42", "halaman 7"
    teks: str


@dataclass
class IndikatorDikenal:
    kode: str
    nama: str
    satuan: str = ""
    sasaran: str = ""
    realisasi: Decimal | None = None  # realisasi tahun laporan di tabel pengukuran
    capaian: Decimal | None = None  # capaian tahun laporan di tabel pengukuran


@dataclass
class HasilNarasi:
    tercetak: list[dict] = field(default_factory=list)
    tidak_terbaca: list[str] = field(default_factory=list)
    kalimat: int = 0  # kalimat yang memberi sedikitnya satu klaim
    # realisasi persen yang kalimatnya menyebut hitungannya ("sebanyak 200 orang … sebanyak 296
    # orang sehingga … mencapai 67%"): (kode indikator, tahun, pembilang, penyebut, lokasi)
    hitungan: list[tuple[str, int, tuple, tuple, str]] = field(default_factory=list)


def _judul(teks: str, jenis: str) -> str | None:
    """Teks judul bagian bila baris ini judul; None bila isi biasa."""
    mentah = teks.strip()
    t = re.sub(r"[#*_]+", " ", mentah)
    t = re.sub(r"\s+", " ", t).strip(" .:")
    if not t or len(t) > 150:
        return None
    if mentah.startswith("#") or (mentah.startswith("**") and mentah.rstrip().endswith("**")):
        return t  # judul bertanda (salinan teks bergaya markdown)
    if len(t) > 90:
        return None
    # baris pendek tanpa titik akhir yang tampak seperti judul
    if mentah.endswith((".", ",", ";")):
        return None
    low = t.lower()
    if _BAB.match(low) or low in _BAGIAN_KHUSUS:
        return t
    m = _NOMOR_JUDUL.match(t)
    if m and m.group(2)[:1].isupper() and len(t) <= 70 and "%" not in t:
        return t
    return None


def _bukan_narasi(teks: str) -> bool:
    """Judul tabel/gambar, nomor halaman, teks grafik (sumbu: '0% 20% 40%') atau sel tabel yang
    kata-katanya menempel pada salinan PDF: batas paragraf, bukan narasi."""
    if judul_tabel(teks) or re.match(r"^\s*Gambar\s+\d", teks):
        return True
    if re.search(r"[A-Za-z]{24,}", teks.replace("/", " ")):
        return True
    token = teks.split()
    angka_ = [t for t in token if re.fullmatch(r"[\d.,%–-]+", t)]
    return bool(token) and len(angka_) * 2 >= len(token)


def paragraf(n: Naskah) -> list[Paragraf]:
    """Paragraf narasi dengan bagiannya (Bab dan sub judul terakhir). Baris teks dan DOCX sudah
    berupa paragraf; baris PDF (baris visual) disambung sampai judul berikutnya."""
    out: list[Paragraf] = []
    bab, sub = "", ""
    tunggu_nama_bab = False
    kumpul: list[tuple[str, str]] = []

    def tutup():
        if kumpul:
            out.append(Paragraf(_label(bab, sub), kumpul[0][1], " ".join(t for t, _ in kumpul)))
            kumpul.clear()

    for b in n.baris:
        teks = b.teks.strip()
        if not teks:
            continue
        j = _judul(teks, n.jenis)
        if j is not None:
            tutup()
            low = j.lower()
            m = _BAB.match(low)
            if m:
                bab, sub = f"Bab {_ROMAWI.get(m.group(1), m.group(1).upper())}", ""
                tunggu_nama_bab = True
                continue
            if low in _BAGIAN_KHUSUS:
                bab, sub = _BAGIAN_KHUSUS[low], ""
                continue
            if tunggu_nama_bab and not _NOMOR_JUDUL.match(j):
                tunggu_nama_bab = False  # "PENUTUP" di bawah "BAB IV": nama bab, bukan sub judul
                continue
            sub = j
            nomor = _NOMOR_JUDUL.match(j)
            if nomor and (bab.startswith("Bab") or not bab):
                # "4.1 Kesimpulan" tanpa judul "BAB IV" di atasnya (hilang dalam salinan)
                bab = f"Bab {_ROMAWI.get(nomor.group(1).split('.')[0], bab[4:] or '?')}"
            continue
        tunggu_nama_bab = False
        if bab in _DILEWATI:
            continue
        if _bukan_narasi(teks):
            tutup()
            continue
        if kumpul and n.jenis != "pdf" and not re.search(r"[.!?:;]\s*$", kumpul[-1][0]):
            if teks[:1].islower():
                kumpul.append((teks, ""))  # paragraf yang terpotong di tengah kalimat
                continue
        if n.jenis != "pdf":
            tutup()
        lokasi = f"paragraf {b.nomor}" if n.jenis == "docx" else b.lokasi
        kumpul.append((teks, lokasi))
    tutup()
    return out


def _label(bab: str, sub: str) -> str:
    label = f"{bab} {sub}".strip() or "Narasi"
    return label[:70].rstrip()


def kalimat(teks: str) -> list[str]:
    """Kalimat-kalimat paragraf: dipisah pada titik yang diikuti huruf besar, kecuali sesudah
    singkatan (Rp., Kab., No., Sub.)."""
    out, awal = [], 0
    for m in re.finditer(r"[.!?]\s+(?=[A-Z])|\s*[•▪●]\s*", teks):
        kata = re.findall(r"(\w+)$", teks[awal : m.start()])
        peluru = not m.group(0).strip(" ").startswith((".", "!", "?"))
        if not peluru and kata and (kata[-1].lower() in _SINGKATAN or len(kata[-1]) == 1):
            continue
        out.append(teks[awal : m.start() + 1].strip())
        awal = m.end()
    if teks[awal:].strip():
        out.append(teks[awal:].strip())
    return out


def cocok_indikator(
    teks: str, indikator: list[IndikatorDikenal], bagian: str = ""
) -> IndikatorDikenal | None:
    """Indikator yang namanya disebut di ``teks`` (akar katanya hampir semua ada); satu saja. Dua
    nama yang sama cocoknya dipilah menurut sasaran yang disebut judul bagiannya."""
    terbaik: list[tuple[float, int, IndikatorDikenal]] = []
    for ind in indikator:
        akar = _akar(re.sub(r"\([^)]*\)", " ", ind.nama))
        if len(akar) < 2:
            continue
        kena = _akar_dalam(akar, teks)
        skor = kena / len(akar)
        if skor >= 0.75 and kena >= 2:
            terbaik.append((skor, kena, ind))
    if not terbaik:
        return None
    # nama lengkap yang tertulis utuh di teks lebih meyakinkan daripada akar kata yang tersebar
    polos = _polos(teks)
    terbaik = [
        (sk + (1 if _polos(re.sub(r"\([^)]*\)", " ", i.nama)) in polos else 0), kn, i)
        for sk, kn, i in terbaik
    ]
    terbaik.sort(key=lambda x: (x[0], x[1]), reverse=True)
    seri = [x[2] for x in terbaik if x[:2] == terbaik[0][:2]]
    if len(seri) > 1 and bagian:
        skor_bagian = [
            (_akar_dalam(_akar(i.sasaran), bagian) / max(len(_akar(i.sasaran)), 1), i) for i in seri
        ]
        tertinggi = max(x[0] for x in skor_bagian)
        seri = [i for sk, i in skor_bagian if sk == tertinggi and sk >= 0.5]
    if len(seri) != 1:
        return None  # dua indikator sama cocoknya: tidak ditebak
    return seri[0]


def _bidang(teks: str, bidang: dict[str, str]) -> str | None:
    """Kode bidang urusan yang disebut ('Urusan Pemerintahan Bidang Ketenagakerjaan')."""
    if "urusan" not in teks.lower():
        return None
    low = teks.lower()
    kena = []
    for kode, nama in bidang.items():
        kata = [
            w
            for w in re.findall(r"[a-z]{4,}", nama.lower())
            if w not in {"urusan", "pemerintahan", "bidang", "wajib", "pilihan", "daerah", "tidak"}
            and w not in {"terbaca", "nama"}
        ]
        if kata and all(w in low for w in kata):
            kena.append((low.rfind(kata[-1]), kode))
    return max(kena)[1] if kena else None


def _nama_tingkat(teks: str) -> str:
    low = teks.lower()
    return "sub_kegiatan" if low.startswith("sub") else low


class _Pembaca:
    def __init__(
        self, tahun: int, indikator, bidang: dict[str, str], program: dict[str, str] | None = None
    ):
        self.tahun = tahun
        self.indikator = indikator
        self.program = program or {}
        self.bidang = {k: v for k, v in bidang.items() if k.count(".") == 1}
        self.hasil = HasilNarasi()
        self.terakhir: IndikatorDikenal | None = None

    def cetak(self, p: Paragraf, objek: str, atribut: str, teks: str, kal: str, periode=None):
        e = {"lokasi": f"{p.bagian}, {p.lokasi}"[:120], "objek": objek, "atribut": atribut}
        if periode is not None:
            e["periode"] = periode
        e["teks"] = teks.strip()
        ringkas = re.sub(r"\s+", " ", kal).strip()
        e["catatan"] = '"' + (ringkas if len(ringkas) <= 200 else ringkas[:197] + "…") + '"'
        self.hasil.tercetak.append(e)

    # --- jumlah program/kegiatan/sub kegiatan ---

    def hitungan(self, p: Paragraf, kal: str) -> int:
        n = 0
        items = list(_ITEM.finditer(kal))
        kelompok: list[list[re.Match]] = []
        for m in items:
            if kelompok and _PENGHUBUNG.match(kal[kelompok[-1][-1].end() : m.start()]):
                kelompok[-1].append(m)
            else:
                kelompok.append([m])
        sebelum_akhir = 0
        for gi, g in enumerate(kelompok):
            akhir = g[-1].end()
            batas = kelompok[gi + 1][0].start() if gi + 1 < len(kelompok) else len(kal)
            sesudah = kal[akhir : min(batas, akhir + 120)]
            sebelum = kal[sebelum_akhir : g[0].start()]
            sebelum_akhir = akhir
            low = sesudah.lower()
            if re.match(r"^\s*(sebesar|tergolong|yang\s+efisien)", low):
                continue  # "4 program sebesar 0,23 %": bukan hitungan polos
            if re.match(rf"^\s*(?:,|dan|serta)\s*(?:\w+\s+)?{_TINGKAT}\b", low):
                continue  # "41 program, kegiatan dan sub kegiatan": jumlah gabungan semua tingkat
            # syarat sesudah angka lain ("…, 4 tergolong tidak efisien") milik angka itu
            lain = re.search(r"(?<![\d.,])\d+\s+(?:tergolong|yang|di\s?antaranya)\b", low)
            low = low[: lain.start()] if lain else low
            if re.search(r"tidak\s+efisien", low):
                syarat = "_tidak_efisien"
            elif re.search(r"(kurang dari|di\s?bawah)\s*70", low):
                syarat = "_serapan_di_bawah_70"
            elif re.search(r"(lebih dari|di\s?atas)\s*90", low):
                syarat = "_serapan_di_atas_90"
            elif re.search(
                r"\befisien\b|kurang dari|di\s?bawah(?!\s+ini)|di\s?atas(?!\s+ini)|lebih dari",
                low[:60],
            ):
                continue  # syarat lain yang belum dihitung sakip
            else:
                syarat = ""
            bidang = _bidang(sebelum, self.bidang) if not syarat else None
            prog = program_disebut(sebelum, self.program) if not syarat else False
            if prog is None:
                continue  # hitungan milik program yang tidak ada di tabel: tidak dibandingkan
            for m in g:
                tingkat = _nama_tingkat(m.group(2))
                if prog and tingkat != "program":
                    kunci = f"{tingkat}:{prog}"  # jumlah kegiatan/sub kegiatan satu program
                    self.cetak(p, f"hitungan:{kunci}", "jumlah", m.group(1), kal)
                    n += 1
                    continue
                kunci = f"{tingkat}{syarat}" + (f":{bidang}" if bidang else "")
                self.cetak(p, f"hitungan:{kunci}", "jumlah", m.group(1), kal)
                n += 1
        for m in re.finditer(
            rf"{_TINGKAT}\s+terdapat\s+(\d+)\s+yang\s+efisien\s+dan\s+(\d+)\s+yang\s+tidak\s+efisien",
            kal,
            re.IGNORECASE,
        ):
            tingkat = _nama_tingkat(m.group(1))
            self.cetak(p, f"hitungan:{tingkat}_tidak_efisien", "jumlah", m.group(3), kal)
            n += 1
        for m in re.finditer(rf"{_TINGKAT}\s+semua(?:nya)?\s+efisien", kal, re.IGNORECASE):
            tingkat = _nama_tingkat(m.group(1))
            self.cetak(p, f"hitungan:{tingkat}_tidak_efisien", "jumlah", "0", kal)
            n += 1
        return n

    # --- anggaran seluruh OPD, rata-rata capaian ---

    def anggaran(self, p: Paragraf, kal: str, paragraf_teks: str) -> int:
        n = 0
        for m in re.finditer(
            r"(?:realisasi|daya serap|penyerapan|serapan)\s+(?:anggaran|keuangan)\b[^%]{0,60}?"
            r"(?:\b(?:sebesar|mencapai|adalah)\s+)?(?:sebesar\s+)?(?<![\d.,])(\d{1,3}(?:[.,]\d{1,2})?\s*%)",
            kal,
            re.IGNORECASE,
        ):
            antara = m.group(0).lower()
            if re.search(r"rata-rata|di\s?atas|di\s?bawah|kurang dari|lebih dari", antara):
                continue
            if _ITEM.search(m.group(0)):
                continue
            self.cetak(p, "anggaran:jumlah", "serapan", m.group(1), kal)
            n += 1
        for m in re.finditer(
            r"\b((?:realisasi\s+)?)(?:anggaran|pagu)((?:\s+[\w()-]+){0,4}?)\s+(?:sebesar\s+)?"
            + _RUPIAH.pattern,
            kal,
            re.IGNORECASE,
        ):
            if re.search(r"\b(program|kegiatan)\s+[A-Z]", kal[: m.start()]):
                continue  # pagu sebuah program/kegiatan yang disebut namanya, bukan seluruh OPD
            atribut = "realisasi" if m.group(1) else "pagu"
            if "realisasi" in m.group(2).lower():
                atribut = "realisasi"
            self.cetak(p, "anggaran:jumlah", atribut, m.group(3), kal)
            n += 1
        if "capaian" in paragraf_teks.lower():
            for m in re.finditer(
                rf"\b(?:di|pada)\s+{_TINGKAT}\s+(?:sebesar|mencapai)\s+(\d{{1,3}}(?:,\d{{1,2}})?\s*%)",
                kal,
                re.IGNORECASE,
            ):
                tingkat = _nama_tingkat(m.group(1))
                self.cetak(p, f"hitungan:{tingkat}", "rata_rata_capaian", m.group(2), kal)
                n += 1
        return n

    # --- indikator: capaian/realisasi dan penilaian ---

    def indikator_angka(self, p: Paragraf, kal: str) -> int:
        n = 0
        awal = 0
        for m in _PERSEN.finditer(kal):
            jendela = kal[awal : m.start()]
            awal = m.end()
            low = jendela.lower()
            if re.search(r"(realisasi|serapan|daya serap)\s+(anggaran|keuangan)", low):
                continue
            if re.search(r"(di\s?bawah|di\s?atas|kurang dari|lebih dari|target)\s*$", low):
                continue
            ind = cocok_indikator(jendela, self.indikator, p.bagian)
            if ind is None and re.search(r"\b(capaiannya|realisasinya)\b", low):
                ind = self.terakhir  # "… capaiannya 101,11%": indikator kalimat sebelumnya
            if ind is None:
                continue
            self.terakhir = ind
            nilai = angka_persen(m.group(1))
            kata_capaian = "capaian" in low or "dicapai" in low
            if ind.satuan.strip().lower() in {"%", "persen"}:
                # indikator persen: angkanya bisa realisasi atau capaian; tabelnya yang memilah
                if nilai is not None and nilai == ind.realisasi:
                    atribut = "realisasi"
                elif nilai is not None and nilai == ind.capaian:
                    atribut = "capaian"
                else:
                    atribut = "capaian" if kata_capaian else "realisasi"
            elif kata_capaian:
                atribut = "capaian"
            else:
                continue
            th = re.match(r"^\s*(?:di|pada)?\s*tahun\s+(20\d{2})\b", kal[m.end() :], re.I)
            periode = int(th.group(1)) if th else self.tahun
            self.cetak(p, f"indikator:{ind.kode}", atribut, m.group(0), kal, periode)
            hit = hitungan_kalimat(jendela, m.group(1)) if atribut == "realisasi" else None
            if hit is not None:
                lokasi = f"{p.bagian}, {p.lokasi}"[:120]
                self.hasil.hitungan.append((ind.kode, periode, hit[0], hit[1], lokasi))
            n += 1
        return n

    def penilaian(self, p: Paragraf, kal: str) -> int:
        neg = _NEGASI.search(kal)
        pos = _POSITIF.search(kal)
        if neg is None and pos is None:
            return 0
        m = neg or pos
        if neg is not None:
            nilai = "tidak tercapai"
        else:
            kata = pos.group(1).lower()
            nilai = "melampaui target" if kata in {"melampaui target", "melebihi target"} else kata
            nilai = "berhasil" if "berhasil" in nilai else nilai
            nilai = (
                "tercapai"
                if nilai in {"mencapai target", "sesuai dengan target", "sesuai target"}
                else nilai
            )
        sesudah = kal[m.end() :]
        if re.match(r"^\s*:", sesudah):
            # "Indikator yang belum mencapai target: A (77,66%); B (71,77%)": setiap butir
            n = 0
            for butir in re.split(r";", sesudah):
                ind = cocok_indikator(butir, self.indikator, p.bagian)
                if ind is not None:
                    self.cetak(p, f"indikator:{ind.kode}", "penilaian", nilai, kal)
                    n += 1
            if n:
                return n
        ind = cocok_indikator(kal[: m.end() + 80], self.indikator, p.bagian)
        if ind is None and re.search(r"\b(capaiannya|realisasinya)\b", kal, re.IGNORECASE):
            ind = self.terakhir
        if ind is not None:
            self.cetak(p, f"indikator:{ind.kode}", "penilaian", nilai, kal)
            return 1
        if _SUBJEK_OPD.search(kal[: m.start()]) and re.search(
            r"kinerja|tugas|sasaran|target", kal, re.I
        ):
            self.cetak(p, "penilaian:opd", "penilaian", nilai, kal)
            return 1
        return 0

    def baca(self, paras: list[Paragraf]) -> HasilNarasi:
        for p in paras:
            sebelumnya = None
            for kal in kalimat(p.teks):
                # "capaiannya …" merujuk indikator kalimat tepat sebelumnya, tidak lebih jauh
                self.terakhir = sebelumnya
                sebelumnya = cocok_indikator(kal, self.indikator, p.bagian)
                n = self.hitungan(p, kal)
                n += self.anggaran(p, kal, p.teks)
                n += self.indikator_angka(p, kal)
                n += self.penilaian(p, kal)
                if n:
                    self.hasil.kalimat += 1
                elif (_PERSEN.search(kal) or _RUPIAH.search(kal)) and p.bagian.startswith(
                    ("Ikhtisar", "Ringkasan", "Bab III", "Bab IV")
                ):
                    ringkas = kal if len(kal) <= 140 else kal[:137] + "…"
                    self.hasil.tidak_terbaca.append(
                        f"{p.bagian}, {p.lokasi}: kalimat berangka tidak dapat ditempatkan: "
                        f'"{ringkas}"'
                    )
        return self.hasil


def baca_narasi(
    n: Naskah,
    tahun: int,
    indikator: list[IndikatorDikenal],
    bidang: dict[str, str],
    program: dict[str, str] | None = None,
) -> HasilNarasi:
    """Klaim tercetak dari kalimat narasi naskah ``n`` (``program``: kode → nama program yang
    terbaca dari tabel, untuk hitungan per program)."""
    return _Pembaca(tahun, indikator, bidang, program).baca(paragraf(n))
