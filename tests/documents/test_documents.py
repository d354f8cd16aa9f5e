import io

import pytest
from django.core.management import call_command
from docx import Document
from pypdf import PdfReader

from sakip.documents.konteks import DokumenError
from sakip.documents.lkjip import bangun_lkjip
from sakip.documents.pk import bangun_pk
from sakip.documents.services import buat_dokumen
from sakip.reporting.models import Narasi


def _pdf_text(data: bytes) -> str:
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())  # line breaks of the layout do not matter


def _docx_text(data: bytes) -> tuple[str, list[str]]:
    d = Document(io.BytesIO(data))
    paras = "\n".join(p.text for p in d.paragraphs)
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    return paras, cells


@pytest.mark.django_db
def test_denpasar_lkjip_in_three_formats_carries_computed_figures(denpasar):
    html = buat_dokumen("lkjip", denpasar, 2022, "html").isi.decode()
    pdf = _pdf_text(buat_dokumen("lkjip", denpasar, 2022, "pdf").isi)
    paras, cells = _docx_text(buat_dokumen("lkjip", denpasar, 2022, "docx").isi)
    docx_all = paras + "\n" + "\n".join(cells)
    for text in (html, pdf, docx_all):
        # Tabel 3.8 totals and the IKU realisasi computed from raw counts
        assert "2.653.931.750" in text and "2.583.575.055" in text and "97,35%" in text
        assert "67,57" in text and "61,94" in text and "36,36" in text and "8,34" in text
        assert "Pengukuran Kinerja Tahun 2022" in text
    assert "DAFTAR ISI" in pdf and "DAFTAR TABEL" in pdf
    assert "Ir. Nyoman Ngurah Jimmy Sidharta W, MT" in pdf and "NIP. 19640913 199303 1006" in pdf
    assert "Pada tahun 2022, dari 1.164 jumlah pencari kerja terdaftar (ak/i), sebanyak 721" in html
    assert "DRAF" in docx_all  # drafts are marked


@pytest.mark.django_db
def test_klungkung_lkjip_uses_computed_not_printed_capaian(klungkung):
    pdf = _pdf_text(buat_dokumen("lkjip", klungkung, 2024, "pdf").isi)
    assert "101,11%" in pdf and "187,90" not in pdf
    assert "200,00%" in pdf  # lower-is-better disputes
    assert "6.253.600.939" in pdf  # sum of the appendix rows
    assert "Kabupaten Jembrana" in pdf  # comparison with other regions
    assert "Data Umum" in pdf and "2.996.561" in pdf  # Tabel 1.5: jumlah perusahaan, UMK
    assert "Tingkat Efisiensi dalam Pencapaian Sasaran" in pdf
    paras, cells = _docx_text(buat_dokumen("lkjip", klungkung, 2024, "docx").isi)
    assert (
        "101,11%" in cells and "1,09" in cells
    )  # IE of Pengukuran Produktivitas, not the printed 40,00
    d = Document(io.BytesIO(buat_dokumen("lkjip", klungkung, 2024, "docx").isi))
    headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert any("AKUNTABILITAS KINERJA" in h for h in headings)
    assert any(h.startswith("3.4 Akuntabilitas Keuangan") for h in headings)


@pytest.mark.django_db
def test_table_numbering_and_list(klungkung):
    doc = bangun_lkjip(klungkung, 2024)
    numbers = [t.nomor for t in doc.tabel()]
    assert len(numbers) == len(set(numbers))
    assert "3.1" in numbers and "L.1" in numbers
    assert all(n for n in numbers)


@pytest.mark.django_db
def test_user_narrative_replaces_the_draft(denpasar):
    Narasi.objects.create(
        opd=denpasar,
        tahun=2022,
        kunci="kesimpulan",
        teks="Kinerja tahun ini ditulis oleh perencana.",
    )
    html = buat_dokumen("lkjip", denpasar, 2022, "html").isi.decode()
    assert "Kinerja tahun ini ditulis oleh perencana." in html
    kesimpulan = html.split("Kesimpulan</h2>", 1)[1].split("</h2>", 1)[0]
    assert 'class="draf"' not in kesimpulan


@pytest.mark.django_db
def test_pk_and_other_documents(klungkung, denpasar):
    pdf = _pdf_text(buat_dokumen("pk", klungkung, 2024, "pdf").isi)
    assert (
        "PERJANJIAN KINERJA TAHUN 2024" in pdf and "PIHAK PERTAMA" in pdf and "Wayan Sumarta" in pdf
    )
    assert "79" in pdf and "Tingkat Partisipasi Angkatan Kerja" in pdf
    assert "Triwulan I" in _pdf_text(buat_dokumen("pengukuran", klungkung, 2024, "pdf").isi)
    assert "Rencana Aksi" in buat_dokumen("rencana-aksi", klungkung, 2024, "html").isi.decode()
    with pytest.raises(DokumenError, match="belum punya Perjanjian Kinerja tahun 2022"):
        bangun_pk(denpasar, 2022)
    with pytest.raises(DokumenError, match="belum punya data tahun 2030"):
        bangun_lkjip(denpasar, 2030)


@pytest.mark.django_db
def test_laporan_command_single_and_batch(tmp_path, denpasar, klungkung, capsys):
    out = tmp_path / "lkjip.docx"
    call_command(
        "laporan",
        "lkjip",
        "--opd",
        "disnaker-klungkung",
        "--tahun",
        "2024",
        "--format",
        "docx",
        "--output",
        str(out),
    )
    assert out.stat().st_size > 10_000
    folder = tmp_path / "semua"
    call_command("laporan", "lkjip", "--tahun", "2022", "--format", "html", "--output", str(folder))
    assert [p.name for p in folder.iterdir()] == ["lkjip-disnaker-denpasar-2022.html"]
    assert "[1/1]" in capsys.readouterr().out


@pytest.mark.django_db
@pytest.mark.parametrize("seed", ["denpasar", "klungkung"])
def test_the_lkjip_counts_programs_the_same_way_in_every_chapter(seed, request):
    """Issue 31: sakip's own Denpasar LKjIP said "4 program" in the Ikhtisar and 3 in Bab III."""
    import re

    opd = request.getfixturevalue(seed)
    tahun = 2022 if seed == "denpasar" else 2024
    html = buat_dokumen("lkjip", opd, tahun, "html").isi.decode()
    ikhtisar = re.search(r"dilaksanakan (\d+) program dan (\d+) kegiatan", html)
    bab3 = re.search(r"Dari (\d+) program dan (\d+) kegiatan yang dianggarkan", html)
    assert ikhtisar and bab3 and ikhtisar.groups() == bab3.groups()
