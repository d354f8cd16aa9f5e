"""Validasi berkas pertukaran OPD-tahun (format ``sakip/opd-tahun``, versi 1).

:func:`validate` membaca struktur hasil YAML dan menghasilkan dokumen bersih
(dict biasa dengan Decimal), atau mengumpulkan *semua* masalah dengan letaknya
(baris dan jalur) lalu melempar :class:`InvalidDocument`. Tidak ada yang
ditulis ke basis data di sini. Spesifikasi lengkap: ``docs/format-berkas.md``.
"""

from __future__ import annotations

from .dasar import SLUG, InvalidDocument, Konteks, Masalah, nilai_target, teks_polos
from .schema_bagian import (
    _narasi,
    _pemda_opd,
    _perjanjian_kinerja,
    _program,
    _renstra,
    _seri_data,
    _tercetak,
)
from .schema_unsur import FORMAT_NAME, FORMAT_VERSION, INDIKATOR_KEYS, _Bersama

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "INDIKATOR_KEYS",
    "SLUG",
    "InvalidDocument",
    "Konteks",
    "Masalah",
    "nilai_target",
    "teks_polos",
    "validate",
]


def validate(data) -> dict:
    """Periksa seluruh berkas; kembalikan dokumen bersih atau lempar :class:`InvalidDocument`."""
    ctx = Konteks()
    root = ctx.mapping(data, "berkas")
    if root is None:
        raise InvalidDocument(ctx.errors or [Masalah("berkas", "kosong")])
    fmt = str(root.get("format", ""))
    if not fmt.startswith(FORMAT_NAME):
        raise InvalidDocument(
            [
                Masalah(
                    "format",
                    f"berkas ini bukan berkas pertukaran sakip (baris 'format: {FORMAT_NAME} {FORMAT_VERSION}' tidak ada)",
                    1,
                )
            ]
        )
    version = fmt[len(FORMAT_NAME) :].strip()
    if version != str(FORMAT_VERSION):
        raise InvalidDocument(
            [
                Masalah(
                    "format",
                    f"versi format '{version}' tidak didukung; yang didukung: {FORMAT_VERSION}",
                    1,
                )
            ]
        )
    ctx.unknown_keys(
        root,
        {
            "format",
            "tahun",
            "sumber",
            "catatan",
            "pemda",
            "opd",
            "penandatangan",
            "renstra",
            "program",
            "perjanjian_kinerja",
            "seri_data",
            "tercetak",
            "narasi",
        },
        "berkas",
    )
    doc: dict = {
        "tahun": ctx.year(root.get("tahun"), "tahun", root),
        "sumber": ctx.text(root, "sumber", "berkas"),
        "catatan": ctx.text(root, "catatan", "berkas"),
    }

    st = _Bersama()
    for bagian in (
        _pemda_opd,
        _renstra,
        _program,
        _perjanjian_kinerja,
        _seri_data,
        _narasi,
        _tercetak,
    ):
        bagian(ctx, root, doc, st)

    for kode, induk, path, node in getattr(ctx, "sama_dengan", []):
        if induk not in st.indikator_seen:
            ctx.err(f"{path} › sama_dengan", f"indikator '{induk}' tidak ada di berkas ini", node)
        elif induk == kode:
            ctx.err(
                f"{path} › sama_dengan", "indikator tidak dapat sama dengan dirinya sendiri", node
            )
    if ctx.errors:
        raise InvalidDocument(ctx.errors)
    return doc
