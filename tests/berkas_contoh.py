"""Berkas kecil yang sungguh utuh (PDF satu halaman, PNG, JPG) untuk tes unggahan bukti dukung:
sakip membukanya dengan pustaka jenisnya, jadi bita pembuka saja tidak cukup."""

from __future__ import annotations

import io


def pdf_kecil() -> bytes:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    buf = io.BytesIO()
    pdf.save(buf)
    pdf.close()
    return buf.getvalue()


def gambar_kecil(format: str = "PNG") -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buf, format=format)
    return buf.getvalue()
