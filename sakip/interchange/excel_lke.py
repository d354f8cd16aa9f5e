"""Lembar kerja LKE (.xlsx) dalam tata letak evaluator: unduh, isi di Excel, unggah kembali.

Lembar ``LKE``: satu baris per komponen, sub komponen dan kriteria, dengan kolom usulan otomatis
(beserta alasannya), jawaban dan catatan mandiri, jawaban dan catatan evaluator, alasan mengubah
usulan, rekomendasi, dan nilai. Lembar ``Rekap``: nilai per komponen, nilai akhir dan predikat.
Unggahan dibaca menurut kode kriteria (kolom B); hanya kolom peran pengunggah yang dibaca, lalu
ditampilkan sebagai pratinjau dan diterapkan dalam satu transaksi.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from sakip.berkas.xlsx import simpan as simpan_xlsx
from sakip.core.lke import LABEL_JENIS_JAWABAN
from sakip.core.numbers import format_angka
from sakip.evaluation import services
from sakip.evaluation.models import Evaluasi

from .excel import ExcelError, buka_buku_kerja

LEMBAR = "LKE"
LEMBAR_REKAP = "Rekap"
KOLOM = [
    ("no", "No", 6),
    ("kode", "Kode", 9),
    ("uraian", "Komponen / Sub komponen / Kriteria", 60),
    ("jenis", "Jawaban", 10),
    ("bobot", "Bobot", 8),
    ("otomatis", "Usulan otomatis", 10),
    ("otomatis_alasan", "Alasan usulan (dari data sakip)", 45),
    ("mandiri", "Jawaban mandiri", 10),
    ("mandiri_catatan", "Catatan mandiri", 35),
    ("evaluator", "Jawaban evaluator", 10),
    ("evaluator_catatan", "Catatan evaluator", 35),
    ("alasan_ubah", "Alasan mengubah usulan otomatis", 35),
    ("rekomendasi", "Rekomendasi", 35),
    ("nilai", "Nilai", 9),
]
IDX = {k: i + 1 for i, (k, _, _) in enumerate(KOLOM)}
HURUF = {k: chr(ord("A") + i - 1) for k, i in IDX.items()}
LABEL = {k: label for k, label, _ in KOLOM}
BARIS_KEPALA = 6
TEBAL = Font(bold=True)
ISI = PatternFill("solid", fgColor="FFF7D6")


def buat_lembar(ev: Evaluasi) -> bytes:
    templat = ev.templat.templat
    h = services.hasil(ev)
    jawab = {j.kriteria: j for j in ev.jawaban.all()}
    wb = Workbook()
    ws = wb.active
    ws.title = LEMBAR
    ws["A1"] = "LEMBAR KERJA EVALUASI AKUNTABILITAS KINERJA INSTANSI PEMERINTAH"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = f"Pemda: {ev.nama_unit}" if ev.tingkat_pemda else f"Perangkat Daerah: {ev.nama_unit}"
    ws["A3"] = f"Tahun yang dievaluasi: {ev.tahun} · Evaluasi versi {ev.versi} · tahap: {ev.tahap}"
    ws["A4"] = f"Templat: {ev.templat} — {templat.dasar}"
    ws["A5"] = (
        "Isi kolom berlatar kuning sesuai peran Anda (OPD: jawaban & catatan mandiri; Inspektorat: "
        "jawaban evaluator, catatan, alasan, rekomendasi), lalu unggah kembali di halaman Evaluasi."
    )
    for k, label, lebar in KOLOM:
        c = ws.cell(BARIS_KEPALA, IDX[k], label)
        c.font = TEBAL
        c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[HURUF[k]].width = lebar
    ws.freeze_panes = f"D{BARIS_KEPALA + 1}"
    validasi = {}
    for jenis, skala in templat.skala.items():
        dv = DataValidation(type="list", formula1='"' + ",".join(skala) + '"', allow_blank=True)
        dv.error = f"Pilih salah satu: {', '.join(skala)}"
        ws.add_data_validation(dv)
        validasi[jenis] = dv
    r = BARIS_KEPALA + 1
    no = 0
    for nk in h.komponen:
        k = nk.komponen
        ws.cell(r, IDX["kode"], k.kode).font = TEBAL
        ws.cell(r, IDX["uraian"], k.nama).font = TEBAL
        ws.cell(r, IDX["bobot"], float(k.bobot)).font = TEBAL
        ws.cell(r, IDX["nilai"], float(round(nk.nilai, 2))).font = TEBAL
        r += 1
        for ns in nk.sub:
            s = ns.sub
            ws.cell(r, IDX["kode"], s.kode).font = TEBAL
            ws.cell(r, IDX["uraian"], f"{s.nama} ({s.jenis})").font = TEBAL
            ws.cell(r, IDX["bobot"], float(s.bobot))
            ws.cell(r, IDX["nilai"], float(round(ns.nilai, 2)))
            r += 1
            for kr in s.kriteria:
                no += 1
                j = jawab.get(kr.kode)
                ws.cell(r, IDX["no"], no)
                ws.cell(r, IDX["kode"], kr.kode)
                ws.cell(r, IDX["uraian"], kr.teks).alignment = Alignment(
                    wrap_text=True, vertical="top"
                )
                ws.cell(
                    r,
                    IDX["jenis"],
                    LABEL_JENIS_JAWABAN.get(kr.jawaban, "/".join(templat.pilihan(kr))),
                )
                ws.cell(r, IDX["bobot"], float(kr.bobot))
                if j is not None:
                    for kol in (
                        "otomatis",
                        "otomatis_alasan",
                        "mandiri",
                        "mandiri_catatan",
                        "evaluator",
                        "evaluator_catatan",
                        "alasan_ubah",
                        "rekomendasi",
                    ):
                        v = getattr(j, kol)
                        if v:
                            ws.cell(r, IDX[kol], v).alignment = Alignment(
                                wrap_text=True, vertical="top"
                            )
                for kol in services.MANDIRI + services.EVALUATOR:
                    ws.cell(r, IDX[kol]).fill = ISI
                for kol in ("mandiri", "evaluator"):
                    validasi[kr.jawaban].add(f"{HURUF[kol]}{r}")
                r += 1
    rk = wb.create_sheet(LEMBAR_REKAP)
    rk.append(["Komponen", "Bobot", "Nilai", "Persen"])
    for c in rk[1]:
        c.font = TEBAL
    for nk in h.komponen:
        rk.append(
            [
                nk.komponen.nama,
                float(nk.komponen.bobot),
                float(round(nk.nilai, 2)),
                float(round(nk.persen, 2)),
            ]
        )
    rk.append(["Nilai akhir", 100, float(round(h.nilai, 2)), None])
    rk.append(["Predikat", None, h.predikat.predikat, h.predikat.uraian])
    if h.belum_dijawab:
        rk.append(["Kriteria belum dijawab", None, len(h.belum_dijawab), None])
    rk.column_dimensions["A"].width = 45
    return simpan_xlsx(wb)


@dataclass
class PerubahanLKE:
    kriteria: str
    kolom: str
    label: str
    lama: str
    baru: str
    baris: int


def _teks(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def baca_unggahan(
    ev: Evaluasi, user, data: bytes, nama: str = "unggahan.xlsx"
) -> list[PerubahanLKE]:
    """Perubahan dari lembar LKE yang diunggah, untuk kolom peran pengguna; galat menyebut lembar,
    baris dan kolom."""
    kolom = services.kolom_boleh(user, ev)
    if not kolom:
        raise ExcelError([services._pesan_kolom(user, ev)])
    wb = buka_buku_kerja(data, (LEMBAR,), nama)
    ws = wb[LEMBAR]
    kepala = [_teks(c.value) for c in ws[BARIS_KEPALA]] if ws.max_row >= BARIS_KEPALA else []
    galat: list[str] = []
    for k in ("kode",) + kolom:
        if len(kepala) < IDX[k] or kepala[IDX[k] - 1] != LABEL[k]:
            galat.append(
                f"Lembar {LEMBAR}, baris {BARIS_KEPALA}, kolom {HURUF[k]}: judul kolom harus "
                f"'{LABEL[k]}'; unduh lembar kerja dari sakip lalu isi."
            )
    if galat:
        raise ExcelError(galat)
    templat = ev.templat.templat
    jawab = {j.kriteria: j for j in ev.jawaban.all()}
    changes: list[PerubahanLKE] = []
    dilihat: set[str] = set()
    for r, row in enumerate(
        ws.iter_rows(min_row=BARIS_KEPALA + 1, values_only=True), BARIS_KEPALA + 1
    ):
        kode = _teks(row[IDX["kode"] - 1]) if len(row) >= IDX["kode"] else ""
        if not kode:
            continue
        kr = templat.kriteria(kode)
        if kr is None:
            if any(k.kode == kode for k in templat.komponen) or any(
                s.kode == kode for k in templat.komponen for s in k.sub
            ):
                continue  # baris komponen / sub komponen
            galat.append(
                f"Lembar {LEMBAR}, baris {r}, kolom {HURUF['kode']}: kode '{kode}' tidak ada dalam templat {ev.templat}."
            )
            continue
        if kode in dilihat:
            galat.append(
                f"Lembar {LEMBAR}, baris {r}, kolom {HURUF['kode']}: kriteria {kode} muncul dua kali."
            )
            continue
        dilihat.add(kode)
        j = jawab[kode]
        for k in kolom:
            v = _teks(row[IDX[k] - 1]) if len(row) >= IDX[k] else ""
            if k in ("mandiri", "evaluator"):
                v = v.upper()
                if v and v not in templat.skala[kr.jawaban]:
                    galat.append(
                        f"Lembar {LEMBAR}, baris {r}, kolom {HURUF[k]} ({LABEL[k]}): '{v}' bukan "
                        f"pilihan kriteria {kode}; pilihan: {', '.join(templat.skala[kr.jawaban])}."
                    )
                    continue
            lama = getattr(j, k)
            if v != lama:
                changes.append(PerubahanLKE(kode, k, LABEL[k], lama, v, r))
    if galat:
        raise ExcelError(galat)
    return changes


def sebagai_dict(changes: list[PerubahanLKE]) -> list[dict]:
    return [asdict(c) for c in changes]


def terapkan(ev: Evaluasi, user, changes: list[dict]) -> int:
    """Terapkan pratinjau dalam satu transaksi (lewat :func:`services.simpan_jawaban`)."""
    isian: dict[str, dict[str, str]] = {}
    for c in changes:
        isian.setdefault(c["kriteria"], {})[c["kolom"]] = c["baru"]
    try:
        return services.simpan_jawaban(ev, user, isian)
    except services.EvaluasiError as e:
        raise ExcelError(list(e.galat.values())) from None


def ringkas(changes: list[dict]) -> str:
    return f"{format_angka(len(changes))} perubahan"
