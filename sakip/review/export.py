"""Menulis temuan reviu sebagai tabel teks, JSON atau XLSX."""

from __future__ import annotations

import json
import textwrap
from collections import Counter
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from sakip.berkas.xlsx import simpan as simpan_xlsx

from .rules.dasar import Temuan
from .rules.tabel import ATURAN

KOLOM = [
    ("aturan", "Aturan", 9),
    ("tingkat", "Tingkat", 11),
    ("kategori", "Kategori", 13),
    ("judul", "Judul", 40),
    ("lokasi", "Letak dalam laporan", 34),
    ("objek", "Objek", 44),
    ("tercetak", "Tercetak", 24),
    ("dihitung", "Menurut data", 20),
    ("pesan", "Uraian", 90),
]
WARNA = {"kritis": "F8D7DA", "peringatan": "FFF3CD", "info": "E2E3E5"}


def ringkasan(temuan: list[Temuan]) -> str:
    c = Counter(t.tingkat for t in temuan)
    return f"{len(temuan)} temuan: {c.get('kritis', 0)} kritis, {c.get('peringatan', 0)} peringatan, {c.get('info', 0)} info"


def sebagai_teks(temuan: list[Temuan], judul: str) -> str:
    lines = [judul, ringkasan(temuan), ""]
    for i, t in enumerate(temuan, 1):
        lines.append(f"{i:>3}. [{t.tingkat.upper()}] {t.aturan} {t.judul}")
        lines.extend(
            textwrap.wrap(t.pesan, width=110, initial_indent="     ", subsequent_indent="     ")
        )
    return "\n".join(lines) + "\n"


def sebagai_json(temuan: list[Temuan], meta: dict) -> str:
    return json.dumps(
        {**meta, "ringkasan": ringkasan(temuan), "temuan": [t.as_dict() for t in temuan]},
        ensure_ascii=False,
        indent=2,
    )


def tulis_xlsx(temuan: list[Temuan], path: Path, judul: str) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Temuan reviu"
    ws.append([judul])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([ringkasan(temuan)])
    ws.append([])
    ws.append([label for _, label, _ in KOLOM])
    for cell in ws[4]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E2F3")
    for t in temuan:
        ws.append([getattr(t, key) for key, _, _ in KOLOM])
        for cell in ws[ws.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(ws.max_row, 2).fill = PatternFill("solid", fgColor=WARNA[t.tingkat])
    for i, (_, _, width) in enumerate(KOLOM, 1):
        ws.column_dimensions[ws.cell(4, i).column_letter].width = width
    ws.freeze_panes = "A5"
    rules = wb.create_sheet("Aturan")
    rules.append(["Id", "Kategori", "Tingkat", "Judul", "Templat pesan"])
    for a in ATURAN:
        rules.append([a.id, a.kategori, a.tingkat, a.judul, a.pesan])
    simpan_xlsx(wb, path)
