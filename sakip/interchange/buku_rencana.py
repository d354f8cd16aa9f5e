"""Buku kerja perencana: seluruh rencana satu OPD-tahun dalam satu berkas .xlsx.

Isinya sama dengan berkas pertukaran OPD-tahun (YAML, ``docs/format-berkas.md``), dalam bentuk
tabel yang biasa dipakai perencana: lembar Identitas, Urusan, Misi, Renstra (tujuan → sasaran →
indikator), Program (program → kegiatan → sub kegiatan → indikator, pagu), Realisasi, PK,
Rencana Aksi, anggaran PK, seri data, nilai tercetak dan narasi.

Pada lembar Renstra dan Program urutan baris adalah pohonnya: baris Indikator milik baris tujuan,
sasaran, program, kegiatan atau sub kegiatan terdekat di atasnya; baris Sasaran milik Tujuan di
atasnya, dan seterusnya — seperti tabel Renstra yang dicetak.

Modul ini menulis (dokumen → buku kerja); :mod:`buku_rencana_baca` membaca kembali (buku kerja →
dokumen yang lalu divalidasi dan diimpor seperti berkas YAML). Keduanya memakai daftar lembar dan
kolom yang sama di bawah ini, sehingga buku kerja → impor → ekspor menghasilkan berkas yang sama.
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from sakip.berkas.xlsx import simpan as simpan_xlsx
from sakip.core.numbers import format_angka

# --- lembar dan kolom (satu daftar untuk penulis dan pembaca) -------------------------------------

L_PETUNJUK = "Petunjuk"
L_IDENTITAS = "Identitas"
L_URUSAN = "Urusan"
L_MISI = "Misi"
L_RENSTRA = "Renstra"
L_PROGRAM = "Program"
L_REALISASI = "Realisasi"
L_PK = "PK"
L_PK_IND = "PK Indikator"
L_PK_ANG = "PK Anggaran"
L_SERI = "Seri Data"
L_NILAI_SERI = "Nilai Seri"
L_TERCETAK = "Nilai Tercetak"
L_NARASI = "Narasi"

LEMBAR = (
    L_IDENTITAS,
    L_URUSAN,
    L_MISI,
    L_RENSTRA,
    L_PROGRAM,
    L_REALISASI,
    L_PK,
    L_PK_IND,
    L_PK_ANG,
    L_SERI,
    L_NILAI_SERI,
    L_TERCETAK,
    L_NARASI,
)

# Identitas: (label di kolom A, jalur di dokumen)
IDENTITAS = (
    ("Format berkas", "format"),
    ("Tahun", "tahun"),
    ("Sumber data", "sumber"),
    ("Catatan", "catatan"),
    ("Pemda: slug", "pemda.slug"),
    ("Pemda: nama", "pemda.nama"),
    ("Pemda: jenis (kabupaten/kota/provinsi)", "pemda.jenis"),
    ("Pemda: provinsi", "pemda.provinsi"),
    ("Pemda: ibu kota", "pemda.ibukota"),
    ("Pemda: jabatan kepala daerah", "pemda.jabatan_kepala_daerah"),
    ("Pemda: metode penurunan target", "pemda.metode_turun"),
    ("OPD: slug", "opd.slug"),
    ("OPD: nama", "opd.nama"),
    ("OPD: singkatan", "opd.singkatan"),
    ("OPD: alamat", "opd.alamat"),
    ("Kepala OPD: nama", "opd.kepala.nama"),
    ("Kepala OPD: pangkat/golongan", "opd.kepala.pangkat"),
    ("Kepala OPD: NIP", "opd.kepala.nip"),
    ("Penandatangan LKjIP: nama", "penandatangan.nama"),
    ("Penandatangan LKjIP: jabatan", "penandatangan.jabatan"),
    ("Penandatangan LKjIP: pangkat/golongan", "penandatangan.pangkat"),
    ("Penandatangan LKjIP: NIP", "penandatangan.nip"),
    ("Penandatangan LKjIP: tempat", "penandatangan.tempat"),
    ("Penandatangan LKjIP: tanggal", "penandatangan.tanggal"),
    ("Renstra: tahun awal", "renstra.tahun_awal"),
    ("Renstra: tahun akhir", "renstra.tahun_akhir"),
    ("Renstra: nama dokumen", "renstra.nama"),
    ("Renstra: visi", "renstra.visi"),
)
ANGKA_IDENTITAS = {"tahun", "renstra.tahun_awal", "renstra.tahun_akhir"}

# Kolom indikator (lembar Renstra dan Program): (judul, kunci dokumen). "Uraian / Nama" diisi
# uraian tujuan/sasaran, nama program/kegiatan/sub kegiatan, atau nama indikator.
K_JENIS = "Jenis"
K_KODE = "Kode"
K_NAMA = "Uraian / Nama"
KOLOM_INDIKATOR = (
    ("Satuan", "satuan"),
    ("IKU", "iku"),
    ("Polaritas", "polaritas"),
    ("Agregasi triwulan", "agregasi"),
    ("Formula / penjelasan", "formula"),
    ("Pembilang", "pembilang"),
    ("Penyebut", "penyebut"),
    ("Pengali", "pengali"),
    ("Sumber data", "sumber_data"),
    ("Penanggung jawab", "penanggung_jawab"),
    ("Sama dengan indikator", "sama_dengan"),
    ("Tahun kondisi awal", "kondisi_awal.tahun"),
    ("Kondisi awal", "kondisi_awal.nilai"),
    ("Kondisi akhir", "kondisi_akhir"),
    ("Batas bawah wajar", "batas_bawah"),
    ("Batas atas wajar", "batas_atas"),
)
K_CATATAN = "Catatan indikator"
# Unsur yang tidak dipakai lagi mulai suatu tahun (indikator, program, kegiatan, sub kegiatan)
K_BERHENTI = "Berhenti mulai tahun"
K_ALASAN_BERHENTI = "Alasan berhenti"
KOLOM_BERHENTI = (K_BERHENTI, K_ALASAN_BERHENTI)
ANGKA_INDIKATOR = {"pengali", "kondisi_awal.nilai", "kondisi_akhir", "batas_bawah", "batas_atas"}
TARGET = "Target "  # + tahun

# Kolom khusus lembar Program (baris program/kegiatan/sub kegiatan)
K_SASARAN = "Sasaran didukung"
KOLOM_ANGGARAN = (
    ("Pagu (Rp)", "pagu"),
    ("Realisasi anggaran (Rp)", "realisasi"),
    ("Catatan anggaran", "catatan"),
)
TW = ("I", "II", "III", "IV")
KOLOM_ANGGARAN_TW = tuple(
    (f"{x} TW {r} (Rp)", n, k)
    for n, r in enumerate(TW, 1)
    for x, k in (("Pagu", "pagu"), ("Realisasi", "realisasi"))
)

JENIS_RENSTRA = ("Tujuan", "Sasaran", "Indikator")
JENIS_PROGRAM = ("Program", "Kegiatan", "Sub Kegiatan", "Indikator")

KOLOM_REALISASI = (
    ("Kode indikator", "indikator"),
    ("Nama indikator (tidak dibaca)", None),
    ("Tahun", "tahun"),
    ("Periode (tahunan/tw1–tw4)", "periode"),
    ("Nilai", "nilai"),
    ("Pembilang", "pembilang"),
    ("Penyebut", "penyebut"),
    ("Catatan", "catatan"),
    ("Bukti", "bukti"),
)
KOLOM_PK = (
    ("Versi", "versi"),
    ("Jenis (murni/perubahan)", "jenis"),
    ("Tanggal", "tanggal"),
    ("Pihak pertama: nama", "pihak_pertama.nama"),
    ("Pihak pertama: jabatan", "pihak_pertama.jabatan"),
    ("Pihak pertama: pangkat/golongan", "pihak_pertama.pangkat"),
    ("Pihak pertama: NIP", "pihak_pertama.nip"),
    ("Pihak kedua: nama", "pihak_kedua.nama"),
    ("Pihak kedua: jabatan", "pihak_kedua.jabatan"),
    ("Alasan perubahan", "alasan_perubahan"),
)
KOLOM_PK_IND = (
    ("Versi PK", "versi"),
    ("Kode indikator", "indikator"),
    ("Nama indikator (tidak dibaca)", None),
    ("Target tahun", "target"),
    *((f"Target TW {r}", f"ra.{n}.target") for n, r in enumerate(TW, 1)),
    *((f"Rencana kegiatan TW {r}", f"ra.{n}.rencana_kegiatan") for n, r in enumerate(TW, 1)),
)
KOLOM_PK_ANG = (("Versi PK", "versi"), ("Kode program", "program"), ("Pagu (Rp)", "pagu"))
KOLOM_SERI = (
    ("Kode seri", "kode"),
    ("Nama", "nama"),
    ("Satuan", "satuan"),
    ("Sumber", "sumber"),
    ("Kode indikator", "indikator"),
    ("Catatan", "catatan"),
)
KOLOM_NILAI_SERI = (
    ("Kode seri", "seri"),
    ("Wilayah", "wilayah"),
    ("Tahun", "tahun"),
    ("Nilai", "nilai"),
    ("Agregat (Ya/kosong)", "agregat"),
)
KOLOM_TERCETAK = (
    ("Lokasi", "lokasi"),
    ("Objek", "objek"),
    ("Atribut", "atribut"),
    ("Periode", "periode"),
    ("Teks tercetak", "teks"),
    ("Catatan", "catatan"),
)
KOLOM_NARASI = (("Bagian", "kunci"), ("Teks", "teks"))
KOLOM_URUSAN = (("Kode", "kode"), ("Nama", "nama"))
KOLOM_MISI = (("No", None), ("Misi", "misi"))

KEPALA = PatternFill("solid", fgColor="D9E2F3")
SIMPUL = PatternFill("solid", fgColor="F2F2F2")
TEKS = "@"  # format sel teks: Excel tidak mengubah kode 2.10 menjadi 2,1 atau NIP menjadi 1,96E+17

PETUNJUK = (
    "Buku kerja rencana sakip — {judul}",
    "",
    "Satu berkas untuk seluruh rencana OPD satu tahun: Renstra (tujuan, sasaran, indikator, target "
    "per tahun), program, kegiatan dan sub kegiatan beserta indikator dan pagunya, Perjanjian "
    "Kinerja dan Rencana Aksi, realisasi, seri data dan narasi.",
    "Cara mengisi:",
    "• Lembar Renstra dan Program dibaca dari atas ke bawah: baris Indikator milik baris tujuan, "
    "sasaran, program, kegiatan atau sub kegiatan terdekat di atasnya; baris Sasaran milik Tujuan "
    "di atasnya; Kegiatan milik Program di atasnya; Sub Kegiatan milik Kegiatan di atasnya.",
    "• Kolom Jenis: Tujuan, Sasaran, Program, Kegiatan, Sub Kegiatan atau Indikator.",
    "• Kode program/kegiatan/sub kegiatan mengikuti nomenklatur Kepmendagri (mis. 2.07.03, "
    "2.07.03.2.02, 2.07.03.2.02.01). Kode indikator boleh kosong pada indikator program/kegiatan/"
    "sub kegiatan berkode: sakip memberinya kode <kode pemilik>-<urutan>.",
    "• Angka boleh berupa angka Excel atau teks cara Indonesia (1.164 · 8,33 · Rp2.653.931.750). "
    "Target rentang ditulis '80–90'. IKU: tulis Ya.",
    "• Polaritas: naik, turun, tetap atau rentang. Agregasi triwulan: terakhir, kumulatif, "
    "rata-rata (lihat docs/format-berkas.md).",
    "• Pagu dan realisasi anggaran diisi pada tingkat terendah (sub kegiatan); jumlah kegiatan, "
    "program dan OPD dihitung sakip.",
    "• Lembar Realisasi, PK Indikator dan Seri Data merujuk indikator dengan kodenya.",
    "Unggah kembali di sakip (Rencana → Buku kerja) atau dengan perintah: sakip import berkas.xlsx. "
    "Setiap perubahan ditampilkan dulu; tidak ada yang disimpan sampai Anda mengonfirmasi, dan bila "
    "ada satu kesalahan, tidak ada yang disimpan — pesan menyebut lembar, baris dan kolomnya.",
)


# --- penulis ---------------------------------------------------------------------------------------


def _get(d: dict, jalur: str):
    for k in jalur.split("."):
        if not isinstance(d, dict):
            return None
        d = d.get(k)  # type: ignore[assignment]
    return d


def _sel(v):
    """Nilai sel: angka tetap angka (kecuali yang lebih teliti dari angka Excel), teks tetap teks."""
    if isinstance(v, bool):
        return "Ya" if v else None
    if isinstance(v, Decimal):
        if len(v.as_tuple().digits) > 15:
            return format_angka(v, None, strip_zeros=True)
        return int(v) if v == v.to_integral_value() else float(v)
    return v


def teks_target(t) -> object:
    """Target tunggal (angka) atau rentang [bawah, atas] → '80–90'."""
    if isinstance(t, (list, tuple)):
        return "–".join(format_angka(Decimal(str(x)), None, strip_zeros=True) for x in t)
    if isinstance(t, dict):
        return teks_target(t.get("target"))
    return _sel(t) if t is not None else None


def _kode_otomatis(pemilik: str | None, i: int) -> str | None:
    return f"{pemilik}-{i}" if pemilik else None


def _berhenti(d: dict) -> dict:
    b = d.get("berhenti") or {}
    return {K_BERHENTI: b.get("tahun"), K_ALASAN_BERHENTI: b.get("alasan")}


class _Penulis:
    def __init__(self, doc: dict):
        self.doc = doc
        self.wb = Workbook()
        self._kode_auto: dict[int, str] = {}
        self.tahun_target = self._tahun_target()

    def _tahun_target(self) -> list[int]:
        ys: set[int] = set()
        r = self.doc.get("renstra") or {}
        if r.get("tahun_awal") and r.get("tahun_akhir"):
            ys |= set(range(int(r["tahun_awal"]), int(r["tahun_akhir"]) + 1))
        for ind, _pemilik in self._semua_indikator():
            ys |= {int(y) for y in (ind.get("target") or {})}
        # belum ada Renstra: lima tahun mulai tahun ini (kolom "Target TTTT" lain boleh ditambah)
        return sorted(ys) or list(range(int(self.doc["tahun"]), int(self.doc["tahun"]) + 5))

    def _semua_indikator(self):
        r = self.doc.get("renstra") or {}
        for t in r.get("tujuan") or []:
            yield from ((i, None) for i in t.get("indikator") or [])
            for s in t.get("sasaran") or []:
                yield from ((i, None) for i in s.get("indikator") or [])
        for p in self.doc.get("program") or []:
            yield from ((i, p.get("kode")) for i in p.get("indikator") or [])
            for k in p.get("kegiatan") or []:
                yield from ((i, k.get("kode")) for i in k.get("indikator") or [])
                for sk in k.get("sub_kegiatan") or []:
                    yield from ((i, sk.get("kode")) for i in sk.get("indikator") or [])

    def lembar(self, judul: str, kolom: list[str], teks: set[str] = frozenset()):  # type: ignore[assignment]
        ws = self.wb.create_sheet(judul)
        ws.append(kolom)
        for i, k in enumerate(kolom, 1):
            c = ws.cell(row=1, column=i)
            c.font = Font(bold=True)
            c.fill = KEPALA
            c.alignment = Alignment(wrap_text=True, vertical="top")
            lebar = 60 if k in (K_NAMA, "Misi", "Teks", "Formula / penjelasan") else 16
            ws.column_dimensions[get_column_letter(i)].width = lebar
        ws.freeze_panes = "A2"
        ws._sakip_teks = {kolom.index(k) + 1 for k in teks if k in kolom}
        return ws

    @staticmethod
    def baris(ws, nilai: list, simpul: bool = False) -> None:
        ws.append([_sel(v) for v in nilai])
        r = ws.max_row
        for c in getattr(ws, "_sakip_teks", ()):
            ws.cell(row=r, column=c).number_format = TEKS
        if simpul:
            for c in range(1, len(nilai) + 1):
                ws.cell(row=r, column=c).fill = SIMPUL

    def tabel(self, judul, kolom, rows, teks=frozenset()):
        ws = self.lembar(judul, [k for k, _ in kolom], set(teks))
        for row in rows:
            self.baris(ws, [(_get(row, j) if j else row.get("_info")) for _, j in kolom])
        return ws

    # -- lembar ----------------------------------------------------------------------------------
    def petunjuk(self) -> None:
        ws = self.wb.active
        ws.title = L_PETUNJUK
        d = self.doc
        judul = f"{_get(d, 'opd.nama') or 'OPD'} tahun {d.get('tahun')}"
        for line in PETUNJUK:
            ws.append([line.format(judul=judul)])
        ws["A1"].font = Font(bold=True, size=13)
        ws.column_dimensions["A"].width = 130
        for row in ws.iter_rows():
            row[0].alignment = Alignment(wrap_text=True, vertical="top")

    def identitas(self) -> None:
        ws = self.lembar(L_IDENTITAS, ["Isian", "Nilai"], {"Nilai"})
        ws.column_dimensions["A"].width = 40
        ws.column_dimensions["B"].width = 90
        for label, jalur in IDENTITAS:
            self.baris(ws, [label, _get(self.doc, jalur)])

    def kolom_pohon(self, program: bool) -> list[str]:
        kol = [K_JENIS, K_KODE, K_NAMA, *(k for k, _ in KOLOM_INDIKATOR)]
        kol += [f"{TARGET}{y}" for y in self.tahun_target] + [K_CATATAN, *KOLOM_BERHENTI]
        if program:
            kol += [
                K_SASARAN,
                *(k for k, _ in KOLOM_ANGGARAN),
                *(k for k, _, _ in KOLOM_ANGGARAN_TW),
            ]
        return kol

    def baris_indikator(self, ws, kol, ind: dict, kode: str | None) -> None:
        v: dict = {K_JENIS: "Indikator", K_KODE: ind.get("kode") or kode, K_NAMA: ind.get("nama")}
        ka = ind.get("kondisi_awal")
        for judul, kunci in KOLOM_INDIKATOR:
            if kunci == "kondisi_awal.tahun":
                v[judul] = ka.get("tahun") if isinstance(ka, dict) else None
            elif kunci == "kondisi_awal.nilai":
                v[judul] = ka.get("nilai") if isinstance(ka, dict) else ka
            else:
                v[judul] = ind.get(kunci)
        for y, t in (ind.get("target") or {}).items():
            v[f"{TARGET}{y}"] = teks_target(t)
        v[K_CATATAN] = ind.get("catatan")
        v.update(_berhenti(ind))
        self.baris(ws, [v.get(k) for k in kol])

    def baris_simpul(self, ws, kol, jenis, kode, nama, lain: dict | None = None) -> None:
        v = {K_JENIS: jenis, K_KODE: kode, K_NAMA: nama, **(lain or {})}
        self.baris(ws, [v.get(k) for k in kol], simpul=True)

    def renstra(self) -> None:
        kol = self.kolom_pohon(False)
        ws = self.lembar(L_RENSTRA, kol, {K_KODE})
        r = self.doc.get("renstra") or {}
        for t in r.get("tujuan") or []:
            self.baris_simpul(ws, kol, "Tujuan", t.get("kode"), t.get("uraian"))
            for ind in t.get("indikator") or []:
                self.baris_indikator(ws, kol, ind, None)
            for s in t.get("sasaran") or []:
                self.baris_simpul(ws, kol, "Sasaran", s.get("kode"), s.get("uraian"))
                for ind in s.get("indikator") or []:
                    self.baris_indikator(ws, kol, ind, None)

    @staticmethod
    def _anggaran(a: dict | None) -> dict:
        if not a:
            return {}
        v = {judul: a.get(k) for judul, k in KOLOM_ANGGARAN}
        for judul, n, k in KOLOM_ANGGARAN_TW:
            tw = (a.get("triwulan") or {}).get(n) or {}
            v[judul] = tw.get(k)
        return v

    def program(self) -> None:
        kol = self.kolom_pohon(True)
        ws = self.lembar(L_PROGRAM, kol, {K_KODE, K_SASARAN})
        for p in self.doc.get("program") or []:
            sas = ", ".join(p.get("sasaran") or []) or None
            lain = {K_SASARAN: sas, **_berhenti(p)}
            self.baris_simpul(ws, kol, "Program", p["kode"], p["nama"], lain)
            for i, ind in enumerate(p.get("indikator") or [], 1):
                self.baris_indikator(ws, kol, ind, _kode_otomatis(p["kode"], i))
            for k in p.get("kegiatan") or []:
                lain = {
                    K_SASARAN: k.get("sasaran"),
                    **self._anggaran(k.get("anggaran")),
                    **_berhenti(k),
                }
                self.baris_simpul(ws, kol, "Kegiatan", k["kode"], k["nama"], lain)
                for i, ind in enumerate(k.get("indikator") or [], 1):
                    self.baris_indikator(ws, kol, ind, _kode_otomatis(k["kode"], i))
                for sk in k.get("sub_kegiatan") or []:
                    lain = {**self._anggaran(sk.get("anggaran")), **_berhenti(sk)}
                    self.baris_simpul(ws, kol, "Sub Kegiatan", sk.get("kode"), sk["nama"], lain)
                    for i, ind in enumerate(sk.get("indikator") or [], 1):
                        self.baris_indikator(ws, kol, ind, _kode_otomatis(sk.get("kode"), i))

    def realisasi(self) -> None:
        rows = []
        for ind, _pemilik in self._semua_indikator():
            kode = ind.get("kode")
            if not kode:
                # kode otomatis: urutan indikator di antara indikator pemiliknya
                kode = self._kode_auto.get(id(ind))
            for r in ind.get("realisasi") or []:
                rows.append({**r, "indikator": kode, "_info": ind.get("nama")})
        self.tabel(L_REALISASI, KOLOM_REALISASI, rows, {"Kode indikator"})

    def pk(self) -> None:
        pks = self.doc.get("perjanjian_kinerja") or []
        self.tabel(L_PK, KOLOM_PK, pks, {"Pihak pertama: NIP"})
        nama = {self._kode_efektif(i, p): i.get("nama") for i, p in self._semua_indikator()}
        rows = []
        for pk in pks:
            for it in pk.get("indikator") or []:
                row = {
                    "versi": pk["versi"],
                    "indikator": it["indikator"],
                    "_info": nama.get(it["indikator"]),
                }
                row["target"] = teks_target(it.get("target"))
                ra = {}
                for tw, val in (it.get("rencana_aksi") or {}).items():
                    if isinstance(val, dict):
                        ra[str(tw)] = {
                            "target": teks_target(val.get("target")),
                            "rencana_kegiatan": val.get("rencana_kegiatan"),
                        }
                    else:
                        ra[str(tw)] = {"target": teks_target(val)}
                row["ra"] = ra
                rows.append(row)
        self.tabel(L_PK_IND, KOLOM_PK_IND, rows, {"Kode indikator"})
        ang = [{"versi": pk["versi"], **a} for pk in pks for a in pk.get("anggaran") or []]
        self.tabel(L_PK_ANG, KOLOM_PK_ANG, ang, {"Kode program"})

    def _kode_efektif(self, ind: dict, pemilik: str | None) -> str | None:
        return ind.get("kode") or self._kode_auto.get(id(ind))

    def seri(self) -> None:
        seri = self.doc.get("seri_data") or []
        self.tabel(L_SERI, KOLOM_SERI, seri)
        rows = [{**n, "seri": s["kode"]} for s in seri for n in s.get("nilai") or []]
        self.tabel(L_NILAI_SERI, KOLOM_NILAI_SERI, rows)

    def lain(self) -> None:
        self.tabel(L_TERCETAK, KOLOM_TERCETAK, self.doc.get("tercetak") or [], {"Teks tercetak"})
        narasi = [{"kunci": k, "teks": v} for k, v in (self.doc.get("narasi") or {}).items()]
        self.tabel(L_NARASI, KOLOM_NARASI, narasi)
        urusan = _get(self.doc, "opd.urusan") or []
        self.tabel(L_URUSAN, KOLOM_URUSAN, urusan, {"Kode"})
        misi = [{"misi": m} for m in _get(self.doc, "renstra.misi") or []]
        self.tabel(L_MISI, KOLOM_MISI, misi)

    def tulis(self) -> bytes:
        # kode otomatis indikator yang tidak berkode: <kode pemilik>-<urutan>
        self._kode_auto = {
            id(ind): f"{pemilik}-{i}"
            for pemilik, inds in self._pemilik_indikator()
            if pemilik
            for i, ind in enumerate(inds, 1)
        }
        self.petunjuk()
        self.identitas()
        self.lain()
        self.renstra()
        self.program()
        self.realisasi()
        self.pk()
        self.seri()
        urutan_lembar = [L_PETUNJUK, *LEMBAR]
        self.wb._sheets.sort(key=lambda ws: urutan_lembar.index(ws.title))
        data = simpan_xlsx(self.wb)
        assert data is not None  # tanpa tujuan: isi berkas dikembalikan
        return data

    def _pemilik_indikator(self):
        for p in self.doc.get("program") or []:
            yield p.get("kode"), p.get("indikator") or []
            for k in p.get("kegiatan") or []:
                yield k.get("kode"), k.get("indikator") or []
                for sk in k.get("sub_kegiatan") or []:
                    yield sk.get("kode"), sk.get("indikator") or []


def tulis_buku(doc: dict) -> bytes:
    """Dokumen OPD-tahun (bentuk berkas pertukaran, mis. hasil ``export_data``) → .xlsx."""
    return _Penulis(doc).tulis()
