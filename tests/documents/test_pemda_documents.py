"""Dokumen Pemda: LKjIP Pemda, PK Kepala Daerah, pohon kinerja — angka dihitung, tiga format."""

import io

import pytest
from docx import Document

from sakip.documents.konteks import DokumenError
from sakip.documents.pemda import rekap_apbd_urusan
from sakip.documents.services import buat_dokumen_pemda


def test_lkjip_pemda_from_data(rpjmd_denpasar):
    pemda = rpjmd_denpasar.pemda
    html = buat_dokumen_pemda("lkjip-pemda", pemda, 2022, "html").isi.decode()
    for bab in ("BAB I", "BAB II", "BAB III", "BAB IV", "LAMPIRAN 1", "LAMPIRAN 2"):
        assert bab in html
    assert "RPJMD Kota Denpasar 2021–2026" in html
    # IKD-PEN realisasi comes from the one OPD measuring it: 721 of 1.164 → 61,94 vs 35 → 176,98%
    assert "61,94" in html and "176,98%" in html
    # APBD per urusan: the sum of every sub kegiatan of every OPD
    assert "2.653.931.750" in html
    assert "Wali Kota Denpasar" in html or "WALI KOTA DENPASAR" in html


def test_apbd_per_urusan_sums_the_lowest_rows(rpjmd_denpasar, rpd_klungkung):
    rows = rekap_apbd_urusan(rpd_klungkung.pemda, 2024)
    urusan = {k: j for k, _, j, is_u in rows if is_u}
    bidang = {k: j for k, _, j, is_u in rows if not is_u}
    assert set(urusan) == {"2", "3"}
    assert urusan["2"].pagu == bidang["2.07"].pagu
    assert str(bidang["3.32"].pagu) == "39485260.00"


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_three_formats(rpjmd_denpasar, fmt):
    for jenis in ("lkjip-pemda", "pk-pemda", "pohon"):
        b = buat_dokumen_pemda(jenis, rpjmd_denpasar.pemda, 2022, fmt)
        assert b.nama == f"{jenis.replace('-pemda', '')}-kota-denpasar-2022.{fmt}"
        if fmt == "pdf":
            assert b.isi.startswith(b"%PDF")
        elif fmt == "docx":
            text = "\n".join(p.text for p in Document(io.BytesIO(b.isi)).paragraphs)
            assert "2022" in text


def test_pk_kepala_daerah_lists_the_year_targets(rpd_klungkung, rpjmd_denpasar):
    html = buat_dokumen_pemda("pk-pemda", rpjmd_denpasar.pemda, 2022, "html").isi.decode()
    assert "Tingkat Pengangguran Terbuka" in html and "7,42" in html


def test_tree_of_one_opd(rpjmd_denpasar):
    html = buat_dokumen_pemda("pohon", rpjmd_denpasar.pemda, 2022, "html", opd=rpjmd_denpasar)
    text = html.isi.decode()
    assert "Kepala Bidang Perluasan Kesempatan Kerja" in text
    assert "2.07.04.2.03.02" in text


def test_without_rpjmd_an_indonesian_message(denpasar):
    with pytest.raises(DokumenError, match="belum punya RPJMD yang mencakup tahun 2022"):
        buat_dokumen_pemda("lkjip-pemda", denpasar.pemda, 2022, "pdf")
    with pytest.raises(DokumenError, match="--opd hanya untuk pohon"):
        buat_dokumen_pemda("lkjip-pemda", denpasar.pemda, 2022, "pdf", opd=denpasar)


def test_pk_kepala_daerah_carries_the_programmes_and_their_budget(rpjmd_denpasar):
    """Issue 32: a real PK of the Kepala Daerah names the programmes behind each sasaran and their
    budget; sakip computes them from the performance tree and the OPD's pagu."""
    from sakip.budget.services import rekap_anggaran
    from sakip.documents.pk_pemda import program_kepala_daerah
    from sakip.reporting.pohon import bangun_pohon

    pohon = bangun_pohon(rpjmd_denpasar.pemda, 2022)
    rows = program_kepala_daerah(pohon)
    rekap = rekap_anggaran(rpjmd_denpasar, 2022)
    # Denpasar's three programmes under its tujuan → RPJMD sasaran S-TK; the Penunjang programme
    # (2.07.01) supports no sasaran and is not in the Kepala Daerah's PK
    assert [(s.kode, p.kode) for s, p in rows] == [
        ("S-TK", "2.07.03"),
        ("S-TK", "2.07.04"),
        ("S-TK", "2.07.05"),
    ]
    assert all(p.anggaran.pagu == rekap.cari(p.kode).jumlah.pagu for _, p in rows)
    html = buat_dokumen_pemda("pk-pemda", rpjmd_denpasar.pemda, 2022, "html").isi.decode()
    assert "Program dan Anggaran Perjanjian Kinerja" in html
    total = sum(p.anggaran.pagu for _, p in rows)
    from sakip.core.numbers import format_angka

    assert format_angka(total, 0) in html
    assert "2.07.04 Program Penempatan Tenaga Kerja" in html
    assert (rpjmd_denpasar.singkatan or rpjmd_denpasar.nama) in html
