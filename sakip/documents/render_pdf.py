"""Render dokumen ke PDF dengan WeasyPrint (dari HTML yang sama)."""

from __future__ import annotations

from .document import Dokumen
from .render_html import render_html


def render_pdf(doc: Dokumen) -> bytes:
    from weasyprint import HTML  # impor lambat: memuat pustaka sistem (Pango)

    return HTML(string=render_html(doc), base_url=".").write_pdf()
