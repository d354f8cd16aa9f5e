"""Daftar dokumen (jenis → penyusun) dan pembuatannya dalam format yang diminta (PDF/DOCX/HTML).

Dokumen baru: satu modul di paket ini yang menyusun :class:`~.document.Dokumen` dari
:class:`~.konteks.Konteks` dan tabel di :mod:`.tabel`, lalu satu baris di :data:`BUILDERS`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sakip.organisations.models import Pemda, PerangkatDaerah

from .document import Dokumen
from .konteks import DokumenError
from .lhe import bangun_lhe
from .lkjip import bangun_lkjip
from .pemda import PEMDA_BUILDERS
from .pengukuran import bangun_pengukuran
from .pk import bangun_pk
from .rencana_aksi import bangun_rencana_aksi
from .render_docx import render_docx
from .render_html import render_html
from .render_pdf import render_pdf

BUILDERS: dict[str, Callable[..., Dokumen]] = {
    "lkjip": bangun_lkjip,
    "pk": bangun_pk,
    "rencana-aksi": bangun_rencana_aksi,
    "pengukuran": bangun_pengukuran,
    "lhe": bangun_lhe,
}

FORMATS: dict[str, tuple[str, Callable[[Dokumen], bytes]]] = {
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


def buat_dokumen_pemda(
    jenis: str, pemda: Pemda, tahun: int, fmt: str, opd: PerangkatDaerah | None = None
) -> Berkas:
    """Dokumen tingkat Pemda (LKjIP Pemda, PK Kepala Daerah, pohon kinerja Pemda atau satu OPD)."""
    if jenis not in PEMDA_BUILDERS:
        raise DokumenError(
            f"jenis dokumen '{jenis}' tidak dikenal; pilihan: {', '.join(PEMDA_BUILDERS)}"
        )
    if fmt not in FORMATS:
        raise DokumenError(f"format '{fmt}' tidak dikenal; pilihan: {', '.join(FORMATS)}")
    if opd is not None and jenis != "pohon":
        raise DokumenError(f"--opd hanya untuk pohon; {jenis} adalah dokumen seluruh Pemda")
    doc = PEMDA_BUILDERS[jenis](pemda, tahun, opd) if opd else PEMDA_BUILDERS[jenis](pemda, tahun)
    mime, render = FORMATS[fmt]
    return Berkas(f"{doc.nama_berkas}.{fmt}", mime, render(doc))
