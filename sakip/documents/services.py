"""Membuat dokumen dalam format yang diminta."""

from __future__ import annotations

from dataclasses import dataclass

from sakip.organisations.models import PerangkatDaerah

from .builders import BUILDERS, DokumenError
from .render_docx import render_docx
from .render_html import render_html
from .render_pdf import render_pdf

FORMATS = {
    "pdf": ("application/pdf", render_pdf),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        render_docx,
    ),
    "html": ("text/html; charset=utf-8", lambda d: render_html(d).encode("utf-8")),
}


@dataclass
class Berkas:
    nama: str
    mime: str
    isi: bytes


def buat_dokumen(jenis: str, opd: PerangkatDaerah, tahun: int, fmt: str, **kw) -> Berkas:
    if jenis not in BUILDERS:
        raise DokumenError(f"jenis dokumen '{jenis}' tidak dikenal; pilihan: {', '.join(BUILDERS)}")
    if fmt not in FORMATS:
        raise DokumenError(f"format '{fmt}' tidak dikenal; pilihan: {', '.join(FORMATS)}")
    doc = BUILDERS[jenis](opd, tahun, **kw)
    mime, render = FORMATS[fmt]
    return Berkas(f"{doc.nama_berkas}.{fmt}", mime, render(doc))
