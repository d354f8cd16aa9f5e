"""User text with control characters (a bell, a form feed, an escape — what a fuzzer or a
copy from another program leaves) never breaks a document: DOCX refuses them in XML, so every
document block drops them and prints the rest."""

import io

import docx
import pytest

from sakip.documents.services import buat_dokumen
from sakip.reporting.models import Narasi

pytestmark = pytest.mark.django_db


def test_control_characters_in_a_narrative_do_not_break_the_docx(klungkung):
    Narasi.objects.create(
        opd=klungkung, tahun=2024, kunci="kata_pengantar", teks="Puji\x07 syukur\x0c kami\x1b."
    )
    for fmt in ("docx", "html"):
        berkas = buat_dokumen("lkjip", klungkung, 2024, fmt)
        assert berkas.isi
    teks = "\n".join(
        p.text
        for p in docx.Document(
            io.BytesIO(buat_dokumen("lkjip", klungkung, 2024, "docx").isi)
        ).paragraphs
    )
    assert "Puji syukur kami." in teks
