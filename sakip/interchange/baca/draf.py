"""Menyusun draf berkas OPD-tahun (``sakip/opd-tahun 1``) dari naskah laporan tercetak: identitas
dari sampul, indikator dari tabel pengukuran dan target Renstra, program → kegiatan → sub
kegiatan dan anggaran dari tabel anggaran, dan setiap angka tercetak sebagai ``tercetak`` dengan
tempatnya. Yang tidak dapat ditempatkan didaftar di laporan pembacaan, tidak pernah dibuang diam-diam."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.utils.text import slugify

from sakip.core.kode import Tingkat, parse_kode

from .. import yamlio
from ..schema import FORMAT_NAME, FORMAT_VERSION
from .narasi import IndikatorDikenal, baca_narasi
from .naskah import BacaError, Naskah, baca_naskah
from .nomenklatur import Nomenklatur
from .pengenal import (
    BarisAnggaran,
    BarisIndikator,
    BarisTargetRenstra,
    Pengenalan,
    angka,
    kenali,
    kepala,
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

    def laporan(self) -> str:
        opd, tahun = self.draf["opd"]["nama"], self.draf["tahun"]
        out = [f"Dibaca: {opd} tahun {tahun} ({self.jumlah_angka} angka tercetak ditempatkan)."]
        out += [f"  • {d}" for d in self.dibaca]
        if self.tidak_terbaca:
            out.append(f"Tidak dapat ditempatkan ({len(self.tidak_terbaca)}), periksa manual:")
            out += [f"  • {t}" for t in self.tidak_terbaca]
        else:
            out.append("Semua tabel berangka dapat ditempatkan.")
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


def _polaritas_nama(nama: str) -> tuple[str, str]:
    if _TURUN.search(nama):
        return "turun", "polaritas 'turun' disimpulkan dari nama indikator; periksa"
    return "naik", ""


class _Penyusun:
    def __init__(self, n: Naskah):
        self.n = n
        self.id = _identitas(n)
        self.tahun = self.id["tahun"]
        self.tercetak: list[dict] = []
        self.dibaca: list[str] = []
        self.tidak: list[str] = []
        self.kenal: list[Pengenalan] = []
        self.urutan_pemilik: list[tuple[str, str]] = []  # (kode, nama) program → sub kegiatan
        self.ganti_kode: dict[str, str] = {}  # kode tercetak → kode yang dipakai draf
        self.indikator_dikenal: list[IndikatorDikenal] = []  # untuk kalimat narasi
        for t in n.tabel:
            p = kenali(t)
            if p is None:
                if any(angka(c) is not None for row in t.sel[1:] for c in row if c.strip()):
                    k = kepala(t.sel)
                    judul = f" {t.judul}" if t.judul else ""
                    self.tidak.append(
                        f"{t.lokasi}{judul}: tabel belum dikenali "
                        f"(kepala: {' | '.join(x for x in k.nama if x)[:120]})"
                    )
                continue
            self.kenal.append(p)
            self.tidak.extend(p.tidak_terbaca)

    def cetak(self, lokasi: str, objek: str, atribut: str, teks: str, periode=None):
        e = {"lokasi": lokasi, "objek": objek, "atribut": atribut}
        if periode is not None:
            e["periode"] = periode
        e["teks"] = teks
        self.tercetak.append(e)

    # --- indikator dan Renstra ---

    def indikator(self) -> tuple[dict | None, dict[str, str]]:
        ukur = [p for p in self.kenal if p.jenis == "pengukuran"]
        ren = [p for p in self.kenal if p.jenis == "renstra"]
        if not ukur and not ren:
            return None, {}
        urut: list[str] = []
        data: dict[str, dict] = {}
        sasaran: dict[str, str] = {}

        tanda_iku = any(_IKU.search(b.nama) for p in ren + ukur for b in p.baris)

        def ambil(nama: str, sas: str) -> dict:
            iku = bool(_IKU.search(nama))
            nama = _IKU.sub("", nama).strip()
            key = _norm(nama)
            if key not in data:
                urut.append(key)
                data[key] = {"nama": nama, "sasaran": sas, "baris": [], "renstra": None}
                data[key]["iku"] = iku or not tanda_iku
            data[key]["iku"] = data[key]["iku"] or iku
            if sas and not data[key]["sasaran"]:
                data[key]["sasaran"] = sas
            return data[key]

        for p in ren:
            for b in p.baris:
                ambil(b.nama, b.sasaran)["renstra"] = b
        for p in ukur:
            for b in p.baris:
                ambil(b.nama, b.sasaran)["baris"].append(b)
        kode_sas: dict[str, str] = {}
        for key in urut:
            s = data[key]["sasaran"] or "Sasaran (tidak terbaca dari laporan)"
            if _norm(s) not in kode_sas:
                kode_sas[_norm(s)] = f"S{len(kode_sas) + 1}"
                sasaran[kode_sas[_norm(s)]] = s
        per_sasaran: dict[str, list] = {k: [] for k in sasaran}
        kode_ind: dict[str, str] = {}
        tahun_ren = set()
        for key in urut:
            d = data[key]
            ks = kode_sas[_norm(d["sasaran"] or "Sasaran (tidak terbaca dari laporan)")]
            kode = f"{ks}-{len(per_sasaran[ks]) + 1}"
            kode_ind[key] = kode
            ind: dict = {"kode": kode, "nama": d["nama"], "iku": d["iku"]}
            baris: list[BarisIndikator] = d["baris"]
            utama = next((b for b in baris if b.target or b.realisasi), None)
            r: BarisTargetRenstra | None = d["renstra"]
            satuan = (utama.satuan if utama else "") or (r.satuan if r else "")
            if satuan:
                ind["satuan"] = satuan
            if utama is not None or r is not None:
                pol, cat = _polaritas(utama) if utama is not None else _polaritas_nama(d["nama"])
                if pol != "naik":
                    ind["polaritas"] = pol
                    ind["catatan"] = cat
            target: dict[int, object] = {}
            if r is not None:
                for th, s in r.target.items():
                    target[th] = _num(s.nilai)
                    tahun_ren.add(th)
                if r.kondisi_awal and r.kondisi_awal.nilai is not None:
                    ind["kondisi_awal"] = _num(r.kondisi_awal.nilai)
                if r.kondisi_akhir and r.kondisi_akhir.nilai is not None:
                    ind["kondisi_akhir"] = _num(r.kondisi_akhir.nilai)
            # target dan realisasi setiap tahun yang tercetak (tabel pertama yang memuatnya)
            # (tabel pengukuran mencetak target PK, yang dipakai capaian: ia menggantikan target
            # Renstra tahun itu)
            realisasi: dict[int, dict] = {}
            dari_ukur: set[int] = set()
            for b in baris:
                th = b.tahun or self.tahun
                if b.target and b.target.nilai is not None and th not in dari_ukur:
                    target[th] = _num(b.target.nilai)
                    dari_ukur.add(th)
                if th in realisasi:
                    continue
                if b.pembilang is not None:
                    realisasi[th] = {
                        "tahun": th,
                        "pembilang": _num(b.pembilang),
                        "penyebut": _num(b.penyebut),
                    }
                elif b.realisasi and b.realisasi.nilai is not None:
                    realisasi[th] = {"tahun": th, "nilai": _num(b.realisasi.nilai)}
            if target:
                ind["target"] = dict(sorted(target.items()))
            if realisasi:
                ind["realisasi"] = [realisasi[th] for th in sorted(realisasi)]
            for b in baris:
                for atribut in ("target", "realisasi", "capaian"):
                    s = getattr(b, atribut)
                    if s is not None:
                        self.cetak(
                            s.lokasi, f"indikator:{kode}", atribut, s.teks, b.tahun or self.tahun
                        )
            per_sasaran[ks].append(ind)
            sekarang = [b for b in baris if (b.tahun or self.tahun) == self.tahun]
            self.indikator_dikenal.append(
                IndikatorDikenal(
                    kode,
                    d["nama"],
                    satuan,
                    d["sasaran"],
                    next((b.realisasi.nilai for b in sekarang if b.realisasi), None),
                    next((b.capaian.nilai for b in sekarang if b.capaian), None),
                )
            )
        for p in [p for p in self.kenal if p.jenis == "capaian_renstra"]:
            for b in p.baris:
                key = _norm(_IKU.sub("", b.nama))
                kode = kode_ind.get(key)
                if kode is None:
                    lokasi = (b.target or b.capaian).lokasi
                    self.tidak.append(
                        f"{lokasi}: indikator '{b.nama}' tidak ada di tabel pengukuran"
                    )
                    continue
                for atribut, s_ in (
                    ("target_akhir_renstra", b.target),
                    ("capaian_renstra", b.capaian),
                ):
                    if s_ is not None:
                        self.cetak(s_.lokasi, f"indikator:{kode}", atribut, s_.teks)
            self.dibaca.append(
                f"{p.tabel.lokasi}: {JENIS_LABEL[p.jenis]}, {len(p.baris)} indikator"
            )
        for p in ren + ukur:
            self.dibaca.append(
                f"{p.tabel.lokasi}: {JENIS_LABEL[p.jenis]}, {len(p.baris)} indikator"
            )
        tahun_semua = tahun_ren | {self.tahun}
        renstra = {
            "tahun_awal": min(tahun_semua),
            "tahun_akhir": max(tahun_semua),
            "nama": f"Renstra {self.id['opd']} (dibaca dari laporan)",
            "tujuan": [
                {
                    "kode": "T1",
                    "uraian": "Tujuan (tidak terbaca dari laporan)",
                    "sasaran": [
                        {"kode": k, "uraian": u, "indikator": per_sasaran[k]}
                        for k, u in sasaran.items()
                    ],
                }
            ],
        }
        return renstra, kode_ind

    # --- program, kegiatan, sub kegiatan, anggaran ---

    def anggaran(self) -> tuple[list[dict], list[dict]]:
        uang = [p for p in self.kenal if p.jenis == "anggaran"]
        ind = [p for p in self.kenal if p.jenis == "indikator_program"]
        keg = [p for p in self.kenal if p.jenis == "indikator_kegiatan"]
        if not uang and not ind and not keg:
            return [], []
        for p in uang:
            self._kode_dari_nama(p)
        urusan: dict[str, str] = {}
        program: dict[str, dict] = {}
        pemilik: dict[str, dict] = {}  # kode → program/kegiatan/sub kegiatan di draf
        if not uang and not ind:
            self._kegiatan_bernama(keg, program, pemilik)
            return self._urusan(urusan, program), list(program.values())
        # susunan dan angka dari tabel yang paling rinci (sampai sub kegiatan, baris terbanyak);
        # setiap angka tercetak di setiap tabel dicatat dengan tempatnya
        utama = max(
            uang or ind,
            key=lambda p: (
                max((b.kode.tingkat for b in p.baris if b.kode), default=0),
                len(p.baris),
            ),
        )
        baris = [b for b in utama.baris if b.kode is not None]
        kode_ada = {str(b.kode) for b in baris}
        dilihat: set[str] = set()
        terakhir: dict | None = None  # kegiatan terakhir, untuk sub kegiatan yatim
        for b in baris:
            k = b.kode
            ks = str(k)
            if ks in dilihat:
                continue  # kode yang sama tercetak dua kali: baris pertama yang dipakai
            dilihat.add(ks)
            if not b.nama:
                b.nama = f"(nama {k.tingkat.label} {ks} tidak terbaca)"
                self.tidak.append(
                    f"{b.pagu.lokasi if b.pagu else utama.tabel.lokasi}: nama {k.tingkat.label} "
                    f"{ks} tidak tercetak di barisnya"
                )
            if k.tingkat <= Tingkat.BIDANG:
                urusan[ks] = b.nama
                continue
            if k.tingkat == Tingkat.PROGRAM:
                obj = program.setdefault(ks, {"kode": ks, "nama": b.nama, "kegiatan": []})
            elif k.tingkat == Tingkat.KEGIATAN:
                prog = str(k.induk())
                pr = program.setdefault(
                    prog,
                    {
                        "kode": prog,
                        "nama": self.nomenklatur.nama.get(prog, f"Program {prog}"),
                        "kegiatan": [],
                    },
                )
                obj = {"kode": ks, "nama": b.nama}
                pr["kegiatan"].append(obj)
                terakhir = obj
                punya_sub = any(x.startswith(ks + ".") for x in kode_ada)
                if not punya_sub and b.pagu is not None:
                    obj["anggaran"] = self._nilai_anggaran(b)
            else:
                kg = pemilik.get(str(k.induk()))
                if kg is None and terakhir is not None and "sub_kegiatan" not in terakhir:
                    # kegiatan di atasnya tercetak dengan kode lain (salah ketik laporan): kode
                    # sub kegiatan yang dipakai, kode tercetak dicatat agar reviu menunjukkannya
                    lama, baru = terakhir["kode"], str(k.induk())
                    self.cetak(
                        (b.pagu.lokasi if b.pagu else utama.tabel.lokasi),
                        f"kegiatan:{baru}",
                        "kode",
                        lama,
                    )
                    self.tidak.append(
                        f"{b.pagu.lokasi if b.pagu else utama.tabel.lokasi}: sub kegiatan {ks} di "
                        f"bawah kegiatan bertanda {lama}; kodenya dibaca sebagai {baru}"
                    )
                    terakhir["kode"] = baru
                    terakhir.pop("anggaran", None)
                    pemilik = {(baru if x == lama else x): v for x, v in pemilik.items()}
                    self.ganti_kode[f"anggaran:{lama}"] = f"anggaran:{baru}"
                    self.ganti_kode[lama] = baru
                    kg = terakhir
                if kg is None:
                    self.tidak.append(
                        f"{b.pagu.lokasi if b.pagu else utama.tabel.lokasi}: sub kegiatan {ks} "
                        "tanpa baris kegiatannya"
                    )
                    continue
                obj = {"kode": ks, "nama": b.nama}
                if b.pagu is not None:
                    obj["anggaran"] = self._nilai_anggaran(b)
                kg.setdefault("sub_kegiatan", []).append(obj)
            pemilik[ks] = obj
        self.urutan_pemilik = [(ks, o["nama"]) for ks, o in pemilik.items()]
        # indikator program/kegiatan/sub kegiatan, dari setiap tabel yang mencetaknya
        nama_ind: dict[tuple[str, str], str] = {}
        for p in sorted(uang + ind, key=lambda p: p is not utama):
            for b in p.baris:
                bi = b.indikator
                if bi is None or b.kode is None:
                    continue
                ks = self.ganti_kode.get(str(b.kode), str(b.kode))
                if ks not in pemilik:
                    continue
                kunci = (ks, _norm(bi.nama))
                if kunci not in nama_ind:
                    obj = pemilik[ks]
                    daftar = obj.setdefault("indikator", [])
                    nama_ind[kunci] = f"{ks}-{len(daftar) + 1}"
                    daftar.append(self._indikator_baru(bi))
                for atribut in ("target", "realisasi", "capaian"):
                    s_ = getattr(bi, atribut)
                    if s_ is not None:
                        self.cetak(
                            s_.lokasi,
                            f"indikator:{nama_ind[kunci]}",
                            atribut,
                            s_.teks,
                            bi.tahun or self.tahun,
                        )
        for p in uang:
            for b in p.baris:
                if b.hitungan is not None:
                    self.cetak(b.hitungan.lokasi, f"hitungan:{b.nama}", "jumlah", b.hitungan.teks)
                    if b.rata_rata is not None:
                        self.cetak(
                            b.rata_rata.lokasi,
                            f"hitungan:{b.nama}",
                            "rata_rata_capaian",
                            b.rata_rata.teks,
                        )
                    continue
                objek = f"anggaran:{b.kode}" if b.kode is not None else "anggaran:jumlah"
                objek = self.ganti_kode.get(objek, objek)
                for atribut in ("pagu", "realisasi", "sisa", "serapan", "sisa_persen"):
                    s_ = getattr(b, atribut)
                    if s_ is not None:
                        self.cetak(s_.lokasi, objek, atribut, s_.teks)
        for p in uang + ind:
            n_sub = sum(1 for b in p.baris if b.kode and b.kode.tingkat == Tingkat.SUB_KEGIATAN)
            n_ind = sum(1 for b in p.baris if b.indikator is not None)
            jenis = "anggaran" if p.jenis == "anggaran" else "capaian indikator program"
            self.dibaca.append(
                f"{p.tabel.lokasi}: {jenis}, {len(p.baris)} baris"
                + (f" ({n_sub} sub kegiatan)" if n_sub else "")
                + (f", {n_ind} indikator" if n_ind else "")
                + (" — sumber susunan program" if p is utama else "")
            )
        self._kegiatan_bernama(keg, program, pemilik)
        return self._urusan(urusan, program), list(program.values())

    def _urusan(self, urusan: dict[str, str], program: dict[str, dict]) -> list[dict]:
        bidang = {".".join(k.split(".")[:2]) for k in program}
        for b in sorted(bidang):
            if b not in urusan:
                urusan[b] = self.nomenklatur.nama.get(b, f"Bidang urusan {b} (nama tidak terbaca)")
            u = b.split(".")[0]
            if u not in urusan:
                urusan[u] = f"Urusan {u} (nama tidak terbaca)"
        return [{"kode": k, "nama": v} for k, v in sorted(urusan.items())]

    # --- laporan tanpa kode: nama dicocokkan dengan nomenklatur ---

    @cached_property
    def nomenklatur(self) -> Nomenklatur:
        return Nomenklatur.muat()

    def _kode_dari_nama(self, p: Pengenalan) -> None:
        """Baris anggaran bernama tanpa kode: kodenya dari nomenklatur, atau dilaporkan."""
        cocok = 0
        for b in p.baris:
            if not b.tanpa_kode or b.kode is not None:
                continue
            tingkat = _TINGKAT_KATA[b.tanpa_kode]
            kode = self.nomenklatur.cari(b.nama, tingkat)
            if kode is None and tingkat == Tingkat.KEGIATAN:
                kode = self.nomenklatur.cari(b.nama, Tingkat.SUB_KEGIATAN)
            lokasi = (b.pagu or b.realisasi or b.serapan).lokasi
            if kode is None:
                self.tidak.append(
                    f"{lokasi}: {b.tanpa_kode} '{b.nama}' tidak tercetak berkode dan namanya "
                    "tidak ditemukan di nomenklatur"
                )
                continue
            b.kode = parse_kode(kode)
            cocok += 1
        if cocok:
            self.dibaca.append(
                f"{p.tabel.lokasi}: {cocok} baris tanpa kode dicocokkan menurut nama dengan "
                "nomenklatur"
            )

    def _kegiatan_bernama(self, tabel: list[Pengenalan], program: dict, pemilik: dict) -> None:
        """Tabel indikator kegiatan/sub kegiatan yang hanya mencetak nama: setiap nama dicari di
        nomenklatur (kegiatan, lalu sub kegiatan di bawah kegiatan terakhir); sub kegiatan yang
        tidak ada di nomenklatur tetap dibuat tanpa kode di bawah kegiatannya, indikatornya
        berkode buatan."""
        nomen = self.nomenklatur

        def pastikan(kode: str) -> dict:
            if kode in pemilik:
                return pemilik[kode]
            kd = parse_kode(kode)
            nama = nomen.nama.get(kode, f"({kd.tingkat.label} {kode})")
            if kd.tingkat == Tingkat.PROGRAM:
                obj = program.setdefault(kode, {"kode": kode, "nama": nama, "kegiatan": []})
            elif kd.tingkat == Tingkat.KEGIATAN:
                obj = {"kode": kode, "nama": nama}
                pastikan(str(kd.induk()))["kegiatan"].append(obj)
            else:
                obj = {"kode": kode, "nama": nama}
                pastikan(str(kd.induk())).setdefault("sub_kegiatan", []).append(obj)
            pemilik[kode] = obj
            return obj

        for p in tabel:
            kegiatan: str | None = None
            sub: dict | None = None
            tanpa = 0
            n_ind = 0
            sebelumnya = None
            for b in p.baris:
                baru_saja, sebelumnya = sebelumnya, b
                if b.indikator is None:
                    kode = nomen.cari(b.nama, Tingkat.KEGIATAN)
                    ulang = (
                        kode is not None
                        and kode == kegiatan
                        and baru_saja is not None
                        and baru_saja.indikator is None
                    )
                    if kode is not None and not ulang:
                        kegiatan, sub = kode, None
                        pastikan(kode)
                        continue
                    # nama kegiatan yang diulang di kolom sub kegiatan: sub kegiatan senama
                    kode = (
                        None if ulang else nomen.cari(b.nama, Tingkat.SUB_KEGIATAN, induk=kegiatan)
                    )
                    if kode is not None:
                        sub = pastikan(kode)
                        kegiatan = str(parse_kode(kode).induk())
                        continue
                    if kegiatan is None:
                        self.tidak.append(
                            f"{b.lokasi}: '{b.nama}' tidak ditemukan di nomenklatur dan tidak "
                            "berada di bawah kegiatan yang dikenali"
                        )
                        sub = None
                        continue
                    tanpa += 1
                    sub = {"nama": b.nama, "_kode_indikator": f"{kegiatan}-S{tanpa}"}
                    pastikan(kegiatan).setdefault("sub_kegiatan", []).append(sub)
                    continue
                bi = b.indikator
                pem = sub if sub is not None else (pemilik.get(kegiatan) if kegiatan else None)
                if pem is None:
                    self.tidak.append(f"{b.lokasi}: indikator '{bi.nama}' tanpa kegiatannya")
                    continue
                daftar = pem.setdefault("indikator", [])
                baru = self._indikator_baru(bi)
                if "kode" in pem:
                    ikode = f"{pem['kode']}-{len(daftar) + 1}"
                else:
                    ikode = f"{pem['_kode_indikator']}-{len(daftar) + 1}"
                    baru = {"kode": ikode, **baru}
                th = bi.tahun or self.tahun
                if bi.target is None:
                    self.tidak.append(f"{b.lokasi}: indikator '{bi.nama}' tanpa angka")
                daftar.append(baru)
                n_ind += 1
                for atribut in ("target", "realisasi", "capaian"):
                    s_ = getattr(bi, atribut)
                    if s_ is not None:
                        self.cetak(s_.lokasi, f"indikator:{ikode}", atribut, s_.teks, th)
            self.dibaca.append(
                f"{p.tabel.lokasi}: indikator kegiatan/sub kegiatan menurut nama, {n_ind} indikator"
                + (f", {tanpa} sub kegiatan tanpa kode nomenklatur" if tanpa else "")
            )
        for obj in pemilik.values():
            for s_ in obj.get("sub_kegiatan", []):
                s_.pop("_kode_indikator", None)
        for pr in program.values():
            for kg in pr["kegiatan"]:
                for s_ in kg.get("sub_kegiatan", []):
                    s_.pop("_kode_indikator", None)

    def _indikator_baru(self, bi: BarisIndikator) -> dict:
        """Indikator program/kegiatan/sub kegiatan di draf: nama, satuan, target, realisasi."""
        baru: dict = {"nama": bi.nama}
        if bi.satuan:
            baru["satuan"] = bi.satuan
        th = bi.tahun or self.tahun
        if bi.target and bi.target.nilai is not None:
            baru["target"] = {th: _num(bi.target.nilai)}
        if bi.realisasi and bi.realisasi.nilai is not None:
            baru["realisasi"] = [{"tahun": th, "nilai": _num(bi.realisasi.nilai)}]
        return baru

    @staticmethod
    def _nilai_anggaran(b: BarisAnggaran) -> dict:
        out = {}
        if b.pagu and b.pagu.nilai is not None:
            out["pagu"] = _num(b.pagu.nilai)
        if b.realisasi and b.realisasi.nilai is not None:
            out["realisasi"] = _num(b.realisasi.nilai)
        return out

    def efisiensi(self) -> None:
        for p in self.kenal:
            if p.jenis != "efisiensi":
                continue
            tanpa_kode = [b for b in p.baris if b.kode is None]
            cocok = _cocokkan([b.nama for b in tanpa_kode], self.urutan_pemilik)
            for b, ks in zip(tanpa_kode, cocok, strict=True):
                if ks is None:
                    lokasi = next(iter(b.kolom.values())).lokasi
                    self.tidak.append(f"{lokasi}: '{b.nama}' tidak ditemukan di susunan program")
                b.kode = ks
            n = 0
            for b in p.baris:
                if b.kode is None:
                    continue
                n += 1
                for atribut, s_ in b.kolom.items():
                    self.cetak(s_.lokasi, f"efisiensi:{b.kode}", atribut, s_.teks)
            cara = f", {len(tanpa_kode)} dicocokkan menurut nama" if tanpa_kode else ""
            self.dibaca.append(f"{p.tabel.lokasi}: efisiensi, {n} baris{cara}")

    def narasi(self, urusan: list[dict]) -> None:
        """Kalimat narasi yang menyebut angka atau penilaian (Ikhtisar, Bab III, Bab IV)."""
        h = baca_narasi(
            self.n,
            self.tahun,
            self.indikator_dikenal,
            {u["kode"]: u["nama"] for u in urusan},
        )
        self.tercetak.extend(h.tercetak)
        self.tidak.extend(h.tidak_terbaca)
        if h.tercetak:
            self.dibaca.append(
                f"narasi: {len(h.tercetak)} angka dan penilaian dari {h.kalimat} kalimat"
            )

    def seri(self) -> list[dict]:
        """Seri data per wilayah; ditautkan ke indikator yang namanya disebut nama serinya."""
        from .narasi import cocok_indikator

        out = []
        for p in self.kenal:
            if p.jenis != "seri" or not p.baris:
                continue
            nama = p.nama or f"Seri data {p.tabel.lokasi}"
            kode = slugify(nama)[:40].strip("-") or f"seri-{len(out) + 1}"
            if any(x["kode"] == kode for x in out):
                kode = f"{kode[:36]}-{len(out) + 1}"
            d: dict = {
                "kode": kode,
                "nama": nama[:200],
                "sumber": f"{p.tabel.lokasi}{f' {p.tabel.judul}' if p.tabel.judul else ''}"[:200],
            }
            ind = cocok_indikator(nama, self.indikator_dikenal)
            if ind is not None:
                d["indikator"] = ind.kode
            d["nilai"] = [
                {"wilayah": b.wilayah, "tahun": th, "nilai": _num(s_.nilai)}
                | ({"agregat": True} if b.agregat else {})
                for b in p.baris
                for th, s_ in sorted(b.nilai.items())
            ]
            out.append(d)
            self.dibaca.append(
                f"{p.tabel.lokasi}: seri data '{nama[:60]}', {len(p.baris)} wilayah"
                + (f", ditautkan ke indikator {ind.kode}" if ind is not None else "")
            )
        return out

    def susun(self, sumber: str) -> dict:
        renstra, _ = self.indikator()
        urusan, program = self.anggaran()
        self.efisiensi()
        self.narasi(urusan)
        seri = self.seri()
        if renstra is None and not program:
            raise BacaError(
                "Berkas ini tidak tampak sebagai laporan kinerja: tidak ada tabel pengukuran "
                "kinerja (Indikator, Target, Realisasi, Capaian) atau tabel anggaran (Kode, Pagu, "
                "Realisasi) yang dikenali."
            )
        pemda = self.id["pemda"]
        pemda_d = {"slug": slugify(pemda), "nama": pemda, "jenis": self.id["pemda_jenis"]}
        opd_d = {"slug": slugify(self.id["opd"])[:50].strip("-"), "nama": self.id["opd"]}
        # Pemda dan OPD yang sudah ada di sakip: draf memakai slug dan isiannya, agar mengimpor
        # draf tidak membuat OPD kembar atau mengosongkan data Pemda
        from sakip.organisations.models import Pemda, PerangkatDaerah

        ada = (
            Pemda.objects.filter(nama__iexact=pemda).first()
            or Pemda.objects.filter(slug=pemda_d["slug"]).first()
        )
        if ada is not None:
            pemda_d = {
                "slug": ada.slug,
                "nama": ada.nama,
                "jenis": ada.jenis,
                "provinsi": ada.provinsi,
                "ibukota": ada.ibukota,
                "jabatan_kepala_daerah": ada.jabatan_kepala_daerah,
            }
            o = PerangkatDaerah.objects.filter(pemda=ada, nama__iexact=self.id["opd"]).first()
            if o is not None:
                opd_d = {"slug": o.slug, "nama": o.nama}
                if o.singkatan:
                    opd_d["singkatan"] = o.singkatan
        pemda_d = {k: v for k, v in pemda_d.items() if v}
        doc: dict = {
            "format": f"{FORMAT_NAME} {FORMAT_VERSION}",
            "tahun": self.tahun,
            "sumber": sumber,
            "catatan": (
                "Draf dibaca otomatis oleh 'sakip baca' dari laporan tercetak. Periksa dan "
                "lengkapi sebelum diimpor: tujuan dan sasaran, polaritas, formula indikator."
            ),
            "pemda": pemda_d,
            "opd": opd_d,
        }
        if urusan:
            doc["opd"]["urusan"] = urusan
        if renstra is not None:
            doc["renstra"] = renstra
        if seri:
            doc["seri_data"] = seri
        if program:
            doc["program"] = program
        if self.tercetak:
            doc["tercetak"] = self.tercetak
        return doc


def baca_laporan(data: bytes, nama: str = "berkas") -> HasilBaca:
    """Baca laporan tercetak menjadi draf berkas OPD-tahun yang sah, dengan laporan pembacaannya."""
    from ..importer import read_document
    from ..schema import InvalidDocument

    naskah = baca_naskah(data, nama)
    p = _Penyusun(naskah)
    jenis = {"pdf": "PDF", "docx": "DOCX", "teks": "teks"}[naskah.jenis]
    halaman = f", {naskah.halaman} halaman" if naskah.halaman else ""
    draf = p.susun(f"dibaca dari {nama} ({jenis}{halaman}) oleh sakip baca")
    teks = yamlio.dump(draf)
    try:
        read_document(teks.encode("utf-8"), nama)
    except InvalidDocument as exc:
        raise BacaError(
            "Draf yang tersusun dari laporan ini belum sah:\n"
            + "\n".join(f"  • {m}" for m in exc.masalah)
        ) from None
    return HasilBaca(draf, teks, p.dibaca, p.tidak, len(p.tercetak), naskah.halaman)
