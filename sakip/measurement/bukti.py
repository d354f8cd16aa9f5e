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
    jenis = _jenis_menurut_awal(data)
    _periksa_isi(jenis, data)
    return jenis


def _jenis_menurut_awal(data: bytes) -> str:
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


_NAMA = {"pdf": "PDF", "png": "gambar PNG", "jpg": "gambar JPG", "xlsx": "lembar kerja Excel"}
MAKS_PIKSEL = 60_000_000  # ±8.000 × 7.500; pindaian A4 600 dpi ±35 juta


def _periksa_isi(jenis: str, data: bytes) -> None:
    """Buka berkas dengan pustaka jenisnya (di proses anak berbatas): kepala PNG yang disambung
    HTML, PDF tanpa halaman, ZIP bom ditolak, bukan hanya dilihat dari bita pertamanya."""
    from sakip.berkas import BerkasError, arsip, kotak

    try:
        if jenis == "xlsx":
            arsip.periksa_zip(data, "bukti", arsip.XLSX, "lembar kerja Excel")
        ok = kotak.jalankan(_buka, jenis, data, nama="bukti", batas=kotak.Batas(detik=20))
    except BerkasError as exc:
        raise BuktiError(str(exc).replace("Berkas 'bukti' ", "berkas ini ")) from None
    if not ok:
        raise BuktiError(
            f"berkas ini diawali tanda {_NAMA[jenis]} tetapi isinya bukan {_NAMA[jenis]} yang utuh"
        )


def _buka(jenis: str, data: bytes) -> bool:
    """True bila ``data`` terbuka utuh sebagai ``jenis`` dan tidak berisi apa pun sesudahnya."""
    try:
        if jenis in ("png", "jpg"):
            import warnings

            from PIL import Image

            Image.MAX_IMAGE_PIXELS = MAKS_PIKSEL
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(io.BytesIO(data)) as im:
                    if im.format != {"png": "PNG", "jpg": "JPEG"}[jenis]:
                        return False
                    im.load()
            return _tanpa_ekor(jenis, data)
        if jenis == "pdf":
            import pypdfium2 as pdfium

            pdf = pdfium.PdfDocument(data)
            try:
                return len(pdf) > 0
            finally:
                pdf.close()
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(data), read_only=True)
        try:
            return bool(wb.sheetnames)
        finally:
            wb.close()
    except Exception:  # noqa: BLE001 — Pillow/pdfium/openpyxl: apa pun berarti bukan berkas utuh
        return False


def _tanpa_ekor(jenis: str, data: bytes) -> bool:
    """Gambar berakhir di penanda akhirnya (IEND / EOI), tanpa isi lain yang disambung di belakang
    (mis. HTML yang akan dijalankan peramban bila berkas dibuka sebagai halaman)."""
    if jenis == "png":
        akhir = data.rfind(b"IEND")
        return akhir != -1 and len(data) - (akhir + 8) <= 0
    akhir = data.rfind(b"\xff\xd9")
    return akhir != -1 and not data[akhir + 2 :].strip(b"\x00")
