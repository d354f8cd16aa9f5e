"""Reading a printed LKjIP: sakip's own LKjIP of both seeds, as PDF and as DOCX, read back
(every figure in the draft equals the data); the drafts are valid files; bad files are refused
with one Indonesian message each."""

import io
from decimal import Decimal

import pytest

from sakip.budget.models import Anggaran
from sakip.documents.services import buat_dokumen
from sakip.interchange.baca import BacaError, baca_laporan
from sakip.interchange.importer import read_document
from sakip.measurement.services import pengukuran

pytestmark = pytest.mark.django_db


def _angka_draf(draf: dict):
    """(indikator nama → (target, realisasi)) and (kode → (pagu, realisasi)) of the draft."""
    ind = {}
    for tj in draf.get("renstra", {}).get("tujuan", []):
        for s in tj["sasaran"]:
            for i in s["indikator"]:
                t = i.get("target", {}).get(draf["tahun"])
                r = next((x for x in i.get("realisasi", []) if x["tahun"] == draf["tahun"]), {})
                nilai = r.get("nilai")
                if "pembilang" in r:
                    nilai = Decimal(r["pembilang"]) / Decimal(r["penyebut"]) * 100
                if i["iku"]:
                    ind[i["nama"]] = (t, nilai)
    ang = {}
    for p in draf.get("program", []):
        for k in p["kegiatan"]:
            if "anggaran" in k:
                ang[k["kode"]] = (k["anggaran"].get("pagu"), k["anggaran"].get("realisasi"))
            for s in k.get("sub_kegiatan", []):
                ang[s["kode"]] = (s["anggaran"].get("pagu"), s["anggaran"].get("realisasi"))
    return ind, ang


def _sama(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(Decimal(str(a)) - Decimal(str(b))) < Decimal("0.005")


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("seed", ["denpasar", "klungkung"])
def test_sakips_own_lkjip_reads_back_to_its_data(request, seed, fmt):
    opd = request.getfixturevalue(seed)
    tahun = {"denpasar": 2022, "klungkung": 2024}[seed]
    berkas = buat_dokumen("lkjip", opd, tahun, fmt)
    hasil = baca_laporan(berkas.isi, berkas.nama)
    draf = hasil.draf
    assert (draf["tahun"], draf["opd"]["nama"], draf["pemda"]["nama"]) == (
        tahun,
        opd.nama,
        opd.pemda.nama,
    )
    # an OPD already in sakip keeps its slug and its Pemda's details: importing adds no twin
    assert (draf["opd"]["slug"], draf["pemda"].get("provinsi")) == (opd.slug, opd.pemda.provinsi)
    ind, ang = _angka_draf(draf)
    # every IKU with a target is read, with the figures of the data
    data = {
        b.indikator.nama: (b.target.bawah if b.target else None, b.realisasi)
        for b in pengukuran(opd, tahun)
        if b.indikator.iku
    }
    assert set(ind) == set(data)
    salah = [(n, ind[n], data[n]) for n in data if not all(map(_sama, ind[n], data[n]))]
    assert salah == []
    # every budget line at the lowest level is read with its pagu and realisasi
    rows = Anggaran.objects.filter(opd=opd, tahun=tahun, triwulan__isnull=True)
    data_ang = {}
    for a in rows.select_related("kegiatan__program", "sub_kegiatan__kegiatan__program"):
        kode = a.sub_kegiatan.kode if a.sub_kegiatan_id else a.kegiatan.kode
        data_ang[kode] = (a.pagu, a.realisasi)
    assert set(ang) == set(data_ang)
    salah = [(k, ang[k], data_ang[k]) for k in data_ang if not all(map(_sama, ang[k], data_ang[k]))]
    assert salah == []
    # the draft is a valid interchange file; every printed figure is kept with its place
    read_document(hasil.teks.encode(), "draf.yaml")
    assert hasil.jumlah_angka == len(draf["tercetak"]) > 100
    assert all(e["lokasi"].startswith("Tabel ") for e in draf["tercetak"])
    # what could not be placed is listed, never silently dropped
    assert hasil.tidak_terbaca
    assert all(t.startswith(("Tabel ", "tabel tanpa nomor")) for t in hasil.tidak_terbaca)
    assert any("Tabel 2.2" in t and "belum dikenali" in t for t in hasil.tidak_terbaca)
    assert "Tidak dapat ditempatkan" in hasil.laporan()


def _pdf_gambar() -> bytes:
    """A one-page PDF whose only content is an image (like a scanned report)."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(buf, format="PDF")
    return buf.getvalue()


def _pdf_terenkripsi(klungkung) -> bytes:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter()
    for p in PdfReader(io.BytesIO(buat_dokumen("pk", klungkung, 2024, "pdf").isi)).pages:
        w.add_page(p)
    w.encrypt("rahasia")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _docx_kosong() -> bytes:
    from docx import Document

    buf = io.BytesIO()
    Document().save(buf)
    return buf.getvalue()


def test_bad_files_get_one_clear_message(klungkung):
    from docx import Document

    bukan_lkjip = io.BytesIO()
    d = Document()
    d.add_paragraph("Notulen rapat koordinasi")
    d.add_paragraph("Rapat dibuka pukul 09.00.")
    d.save(bukan_lkjip)
    kasus = [
        (_pdf_gambar(), "pindaian.pdf", "hanya berisi gambar (hasil pindaian)"),
        (_pdf_terenkripsi(klungkung), "kunci.pdf", "dilindungi kata sandi"),
        (
            b"\x89PNG\r\n\x1a\n" + bytes(200),
            "laporan.pdf",
            "berakhiran .pdf tetapi isinya bukan PDF",
        ),
        (_docx_kosong(), "kosong.docx", "kosong: tidak ada teks atau tabel"),
        (bukan_lkjip.getvalue(), "notulen.docx", "Tahun laporan tidak terbaca"),
        (b"", "nol.txt", "kosong"),
        (bytes(range(256)) * 4, "acak.txt", "bukan PDF, DOCX atau teks"),
        (b"%PDF-1.4\nrusak", "rusak.pdf", "rusak dan tidak dapat dibaca"),
    ]
    for data, nama, pesan in kasus:
        with pytest.raises(BacaError) as e:
            baca_laporan(data, nama)
        assert pesan in str(e.value), (nama, str(e.value))
        assert nama in str(e.value) or "Tahun" in str(e.value), str(e.value)
