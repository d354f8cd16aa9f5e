"""Bukti dukung: berkas diperiksa menurut isinya (bukan namanya) dan ukurannya."""

from __future__ import annotations

import io
import zipfile

MAKS_BITA = 10 * 1024 * 1024

JENIS = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class BuktiError(ValueError):
    pass


def kenali_jenis(data: bytes) -> str:
    """Jenis berkas dari isinya. Lempar :class:`BuktiError` bila tidak diterima."""
    if not data:
        raise BuktiError("berkas kosong")
    if len(data) > MAKS_BITA:
        raise BuktiError(
            f"berkas terlalu besar ({len(data) / 1024 / 1024:.1f} MB; paling besar 10 MB)".replace(
                ".", ","
            )
        )
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
                if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
                    return "xlsx"
        except zipfile.BadZipFile:
            pass
        raise BuktiError("berkas ZIP/Office ini bukan lembar kerja Excel (.xlsx)")
    raise BuktiError(
        "jenis berkas tidak diterima; yang diterima: PDF, PNG, JPG, XLSX (diperiksa dari isinya)"
    )
