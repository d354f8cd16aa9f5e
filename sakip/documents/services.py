"""Daftar dokumen (jenis → penyusun) dan pembuatannya dalam format yang diminta (PDF/DOCX/HTML).

Dokumen baru: satu modul di paket ini yang menyusun :class:`~.document.Dokumen` dari
:class:`~.konteks.Konteks` dan tabel di :mod:`.tabel`, lalu satu baris di :data:`BUILDERS`."""

from __future__ import annotations

from dataclasses import dataclass

from sakip.organisations.models import PerangkatDaerah

from .konteks import DokumenError
from .lkjip import bangun_lkjip
from .pengukuran import bangun_pengukuran
from .pk import bangun_pk
from .rencana_aksi import bangun_rencana_aksi
from .render_docx import render_docx
from .render_html import render_html
from .render_pdf import render_pdf

BUILDERS = {
    "lkjip": bangun_lkjip,
    "pk": bangun_pk,
    "rencana-aksi": bangun_rencana_aksi,
    "pengukuran": bangun_pengukuran,
}

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
