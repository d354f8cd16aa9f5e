import io

import pytest
from openpyxl import load_workbook

from sakip.budget.models import Anggaran
from sakip.measurement.models import Realisasi
from tests.demo_cepat import muat_demo

URL = "/opd/disnaker-denpasar/2022/excel/"


@pytest.fixture
def operator(client, db):
    muat_demo()
    client.login(username="operator.disnaker", password="sakip-demo-2022")
    return client


def _template(client):
    return load_workbook(io.BytesIO(client.get(URL + "templat.xlsx").content))


def _upload(client, wb):
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "isian.xlsx"
    return client.post(URL, {"berkas": buf}).content.decode()


@pytest.mark.django_db
def test_template_roundtrip_preview_then_confirm(operator):
    wb = _template(operator)
    ws = wb["Realisasi Indikator"]
    assert ws["A1"].value == "Kode" and ws["A2"].value == "T1-1"
    ws["O2"], ws["P2"] = (
        "30.000",
        400000,
    )  # TW IV pembilang / penyebut, Indonesian text and a number
    wa = wb["Anggaran"]
    row = next(r for r in range(2, wa.max_row + 1) if wa.cell(r, 1).value == "2.07.04.2.02")
    wa.cell(row, 5).value = 20000000
    html = _upload(operator, wb)
    assert "Pratinjau perubahan (2)" in html and "30.000 / 400.000" in html and "19.599.000" in html
    dps = {"indikator__opd__slug": "disnaker-denpasar"}
    assert not Realisasi.objects.filter(
        periode="tw4", **dps
    ).exists()  # nothing before confirmation
    html = operator.post(URL, {"konfirmasi": "1"}, follow=True).content.decode()
    assert "2 perubahan dari Excel disimpan" in html
    assert Realisasi.objects.get(periode="tw4", **dps).penyebut == 400000
    assert Anggaran.objects.get(kegiatan__kode="2.07.04.2.02", tahun=2022).realisasi == 20000000


@pytest.mark.django_db
def test_errors_name_sheet_row_and_column(operator):
    wb = _template(operator)
    ws = wb["Realisasi Indikator"]
    ws["O2"] = "banyak"
    ws["P3"] = 5  # penyebut without pembilang
    wb["Anggaran"]["D2"] = -1
    wb["Anggaran"]["A3"] = "9.99.99.9.99"
    html = _upload(operator, wb)
    assert (
        "Lembar &#x27;Realisasi Indikator&#x27;, baris 2, kolom O (TW 4 Pembilang): &#x27;banyak&#x27; bukan angka"
        in html
    )
    assert "baris 3, kolom O–P: Pembilang dan Penyebut harus diisi bersama" in html
    assert "Lembar &#x27;Anggaran&#x27;, baris 2, kolom D (Pagu): tidak boleh negatif" in html
    assert "tidak dikenal" in html
    assert "Pratinjau" not in html


@pytest.mark.django_db
def test_not_a_workbook_and_wrong_columns(operator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    html = operator.post(
        URL, {"berkas": SimpleUploadedFile("x.xlsx", b"%PDF-1.4 nope")}
    ).content.decode()
    assert "bukan buku kerja Excel" in html
    wb = _template(operator)
    wb["Realisasi Indikator"]["B1"] = "Nama"
    assert "judul kolom tidak sesuai templat" in _upload(operator, wb)


@pytest.mark.django_db
def test_only_editors_upload(client, db):
    muat_demo()
    client.login(username="kepala.disnaker", password="sakip-demo-2022")
    assert client.get(URL + "templat.xlsx").status_code == 200
    assert client.post(URL, {}).status_code == 403
