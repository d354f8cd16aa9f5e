"""Menyusun draf berkas OPD-tahun (``sakip/opd-tahun 1``) dari naskah laporan tercetak: identitas
dari sampul, indikator dari tabel pengukuran dan target Renstra, program → kegiatan → sub
kegiatan dan anggaran dari tabel anggaran, dan setiap angka tercetak sebagai ``tercetak`` dengan
tempatnya. Yang tidak dapat ditempatkan didaftar di laporan pembacaan, tidak pernah dibuang diam-diam."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify

from sakip.core.kode import Tingkat

from .. import yamlio
from ..schema import FORMAT_NAME, FORMAT_VERSION
from .naskah import BacaError, Naskah, baca_naskah
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
JENIS_LABEL = {
    "pengukuran": "pengukuran kinerja",
    "renstra": "target Renstra",
    "anggaran": "anggaran",
    "efisiensi": "efisiensi",
}


@dataclass
class HasilBaca:
    """Draf dan laporan pembacaannya."""

    draf: dict
    teks: str  # draf sebagai YAML, siap untuk ``sakip import``
    dibaca: list[str] = field(default_factory=list)  # tabel yang dibaca dan isinya
    tidak_terbaca: list[str] = field(default_factory=list)  # tempat dan teks yang tidak ditempatkan
    jumlah_angka: int = 0

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
    return re.sub(r"[^a-z0-9]+", " ", nama.lower()).strip()


def _num(d: Decimal | None):
    if d is None:
        return None
    return int(d) if d == d.to_integral_value() else d.normalize()


def _polaritas(b: BarisIndikator) -> tuple[str, str]:
    """Polaritas yang sesuai dengan capaian tercetak (naik bila tidak dapat disimpulkan)."""
    t = b.target.nilai if b.target else None
    r = b.realisasi.nilai if b.realisasi else None
    c = b.capaian.nilai if b.capaian else None
    if t is None or r is None or c is None or t == 0:
        return "naik", ""
    naik = r / t * 100
    turun = (2 - r / t) * 100
    if abs(naik - c) <= Decimal("0.6"):
        return "naik", ""
    if abs(turun - c) <= Decimal("0.6"):
        return "turun", "polaritas 'turun' disimpulkan dari capaian tercetak"
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
            if s not in kode_sas:
                kode_sas[s] = f"S{len(kode_sas) + 1}"
                sasaran[kode_sas[s]] = s
        per_sasaran: dict[str, list] = {k: [] for k in sasaran}
        kode_ind: dict[str, str] = {}
        tahun_ren = set()
        for key in urut:
            d = data[key]
            ks = kode_sas[d["sasaran"] or "Sasaran (tidak terbaca dari laporan)"]
            kode = f"{ks}-{len(per_sasaran[ks]) + 1}"
            kode_ind[key] = kode
            ind: dict = {"kode": kode, "nama": d["nama"], "iku": d["iku"]}
            baris: list[BarisIndikator] = d["baris"]
            utama = next((b for b in baris if b.target or b.realisasi), None)
            r: BarisTargetRenstra | None = d["renstra"]
            satuan = (utama.satuan if utama else "") or (r.satuan if r else "")
            if satuan:
                ind["satuan"] = satuan
            if utama is not None:
                pol, cat = _polaritas(utama)
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
            th = (utama.tahun if utama else None) or self.tahun
            if utama and utama.target and utama.target.nilai is not None:
                target[th] = _num(utama.target.nilai)
            if target:
                ind["target"] = dict(sorted(target.items()))
            if utama and utama.pembilang is not None:
                ind["realisasi"] = [
                    {
                        "tahun": th,
                        "pembilang": _num(utama.pembilang),
                        "penyebut": _num(utama.penyebut),
                    }
                ]
            elif utama and utama.realisasi and utama.realisasi.nilai is not None:
                ind["realisasi"] = [{"tahun": th, "nilai": _num(utama.realisasi.nilai)}]
            for b in baris:
                for atribut in ("target", "realisasi", "capaian"):
                    s = getattr(b, atribut)
                    if s is not None:
                        self.cetak(
                            s.lokasi, f"indikator:{kode}", atribut, s.teks, b.tahun or self.tahun
                        )
            per_sasaran[ks].append(ind)
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
        tabel = [p for p in self.kenal if p.jenis == "anggaran"]
        if not tabel:
            return [], []
        # data dari tabel yang paling rinci (baris terbanyak sampai sub kegiatan); semua angka
        # tercetak di setiap tabel anggaran dicatat dengan tempatnya
        utama = max(
            tabel,
            key=lambda p: (
                max((b.kode.tingkat for b in p.baris if b.kode), default=0),
                len(p.baris),
            ),
        )
        urusan: dict[str, str] = {}
        program: dict[str, dict] = {}
        kegiatan: dict[str, dict] = {}
        baris = [b for b in utama.baris if b.kode is not None]
        kode_ada = {str(b.kode) for b in baris}
        for b in baris:
            k = b.kode
            ks = str(k)
            if k.tingkat <= Tingkat.BIDANG:
                urusan[ks] = b.nama
            elif k.tingkat == Tingkat.PROGRAM:
                program.setdefault(ks, {"kode": ks, "nama": b.nama, "kegiatan": []})
            elif k.tingkat == Tingkat.KEGIATAN:
                prog = str(k.induk())
                pr = program.setdefault(
                    prog, {"kode": prog, "nama": f"Program {prog}", "kegiatan": []}
                )
                kg = {"kode": ks, "nama": b.nama}
                pr["kegiatan"].append(kg)
                kegiatan[ks] = kg
                punya_sub = any(x.startswith(ks + ".") for x in kode_ada)
                if not punya_sub:
                    kg["anggaran"] = self._nilai_anggaran(b)
            else:
                kg = kegiatan.get(str(k.induk()))
                if kg is None:
                    self.tidak.append(
                        f"{b.pagu.lokasi if b.pagu else utama.tabel.lokasi}: sub kegiatan {ks} "
                        "tanpa baris kegiatannya"
                    )
                    continue
                kg.setdefault("sub_kegiatan", []).append(
                    {"kode": ks, "nama": b.nama, "anggaran": self._nilai_anggaran(b)}
                )
        for p in tabel:
            for b in p.baris:
                objek = f"anggaran:{b.kode}" if b.kode is not None else "anggaran:jumlah"
                for atribut in ("pagu", "realisasi", "sisa", "serapan"):
                    s = getattr(b, atribut)
                    if s is not None:
                        self.cetak(s.lokasi, objek, atribut, s.teks)
            n_sub = sum(1 for b in p.baris if b.kode and b.kode.tingkat == Tingkat.SUB_KEGIATAN)
            self.dibaca.append(
                f"{p.tabel.lokasi}: anggaran, {len(p.baris)} baris"
                + (f" ({n_sub} sub kegiatan)" if n_sub else "")
                + (" — sumber data anggaran" if p is utama else "")
            )
        bidang = {".".join(k.split(".")[:2]) for k in program}
        for b in sorted(bidang):
            if b not in urusan:
                urusan[b] = f"Bidang urusan {b} (nama tidak terbaca)"
            u = b.split(".")[0]
            if u not in urusan:
                urusan[u] = f"Urusan {u} (nama tidak terbaca)"
        return (
            [{"kode": k, "nama": v} for k, v in sorted(urusan.items())],
            list(program.values()),
        )

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
            for b in p.baris:
                for atribut, s in b.kolom.items():
                    self.cetak(s.lokasi, f"efisiensi:{b.kode}", atribut, s.teks)
            self.dibaca.append(f"{p.tabel.lokasi}: efisiensi, {len(p.baris)} baris")

    def susun(self, sumber: str) -> dict:
        renstra, _ = self.indikator()
        urusan, program = self.anggaran()
        self.efisiensi()
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
    return HasilBaca(draf, teks, p.dibaca, p.tidak, len(p.tercetak))
