"""Halaman Rencana lewat Excel: unduh buku kerja, unggah → pratinjau → simpan; PK dan triwulan
yang terkunci tidak berubah lewat buku kerja."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from sakip.berkas.xlsx import simpan
from sakip.budget.models import Anggaran
from sakip.organisations.models import Peran, PerangkatDaerah
from sakip.organisations.services import tambah_opd
from sakip.planning.models import PerjanjianKinerja, Renstra
from sakip.workflow.models import StatusAlur
from tests.conftest import pengguna

URL = "/opd/disnaker-klungkung/2024/rencana/"


def _ubah(data: bytes, lembar: str, cari: dict, kolom: str, nilai) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    ws = wb[lembar]
    judul = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if all(row[judul.index(k)].value == v for k, v in cari.items()):
            row[judul.index(kolom)].value = nilai
            return simpan(wb)
    raise AssertionError(cari)


def _unggah(client, data: bytes, url: str = URL):
    f = SimpleUploadedFile("rencana.xlsx", data)
    return client.post(url, {"berkas": f})


@pytest.fixture
def operator(client, klungkung):
    opd = PerangkatDaerah.objects.get(slug="disnaker-klungkung")
    client.force_login(pengguna("op.klk", Peran.OPERATOR_OPD, opd))
    return client


def _buku(client, url: str = URL) -> bytes:
    r = client.get(url + "buku.xlsx")
    assert r.status_code == 200 and r["Content-Type"].endswith("spreadsheetml.sheet")
    return r.content


def test_operator_changes_a_pagu_sees_it_in_the_preview_and_saves_it(operator):
    data = _ubah(_buku(operator), "Program", {"Kode": "2.07.01.2.01.01"}, "Pagu (Rp)", 3095050)
    r = _unggah(operator, data)
    html = r.content.decode()
    assert "Pratinjau perubahan (1)" in html
    assert (
        "2.07.01.2.01.01 (Penyusunan Dokumen Perencanaan Perangkat Daerah) · Pagu (Rp)" in html
        and "3.295.050" in html
        and "3.095.050" in html
    )
    ang = Anggaran.objects.get(sub_kegiatan__kode="2.07.01.2.01.01", tahun=2024, triwulan=None)
    assert ang.pagu == 3295050  # belum disimpan sebelum dikonfirmasi
    r = operator.post(URL, {"konfirmasi": "1"}, follow=True)
    assert "Rencana dari buku kerja disimpan (1 perubahan)" in r.content.decode()
    ang = Anggaran.objects.get(sub_kegiatan__kode="2.07.01.2.01.01", tahun=2024, triwulan=None)
    assert ang.pagu == 3095050


def test_unchanged_workbook_saves_nothing(operator):
    r = _unggah(operator, _buku(operator))
    assert "sama dengan rencana di sakip" in r.content.decode()


def test_mistakes_are_listed_and_nothing_is_kept_for_confirmation(operator):
    data = _ubah(_buku(operator), "Renstra", {"Kode": "S1-1"}, "Target 2025", "tujuh")
    html = _unggah(operator, data).content.decode()
    assert "Buku kerja tidak diterima" in html and "kolom &#x27;Target 2025&#x27;" in html
    r = operator.post(URL, {"konfirmasi": "1"}, follow=True)
    assert "Tidak ada pratinjau yang menunggu" in r.content.decode()


def test_a_workbook_of_another_opd_or_year_is_refused(operator, denpasar):
    dps = operator.get("/opd/disnaker-denpasar/2022/rencana/buku.xlsx")
    assert dps.status_code == 403  # tidak boleh melihat OPD lain
    data = _ubah(_buku(operator), "Identitas", {"Isian": "Tahun"}, "Nilai", 2025)
    html = _unggah(operator, data).content.decode()
    assert "buku kerja ini untuk OPD &#x27;disnaker-klungkung&#x27; tahun 2025" in html


def test_an_approved_pk_does_not_change_through_the_workbook(operator):
    pk = PerjanjianKinerja.objects.get(opd__slug="disnaker-klungkung", tahun=2024, versi=1)
    PerjanjianKinerja.objects.filter(pk=pk.pk).update(status=StatusAlur.DISETUJUI)
    buku = _buku(operator)
    data = _ubah(buku, "PK Indikator", {"Kode indikator": "S1-1"}, "Target tahun", 80)
    html = _unggah(operator, data).content.decode()
    assert "sudah disetujui; PK tidak diubah dari buku kerja" in html
    # perubahan lain tetap boleh, dan PK yang disetujui tetap disetujui
    data = _ubah(buku, "Program", {"Kode": "2.07.01.2.01.01"}, "Pagu (Rp)", 3095050)
    _unggah(operator, data)
    operator.post(URL, {"konfirmasi": "1"})
    pk = PerjanjianKinerja.objects.get(opd__slug="disnaker-klungkung", tahun=2024, versi=1)
    assert pk.status == StatusAlur.DISETUJUI


def test_a_new_opd_gets_an_empty_workbook_and_its_plan_in_through_it(client, klungkung):
    from sakip.organisations.models import Pemda

    pemda = Pemda.objects.get(slug="kabupaten-klungkung")
    admin = pengguna(
        "admin.klk", Peran.ADMIN_PEMDA, PerangkatDaerah.objects.get(slug="disnaker-klungkung")
    )
    opd = tambah_opd(admin, pemda, "Dinas Koperasi Kabupaten Klungkung", "diskop-klungkung")
    client.force_login(pengguna("op.diskop", Peran.OPERATOR_OPD, opd))
    url = "/opd/diskop-klungkung/2024/rencana/"
    assert "belum punya rencana tahun 2024" in client.get(url).content.decode()
    kosong = _buku(client, url)
    wb = load_workbook(io.BytesIO(kosong))
    assert wb["Identitas"]["B13"].value == "diskop-klungkung"
    assert wb["Renstra"].max_row == 1  # hanya judul kolom
    # isi: satu urusan, Renstra dengan satu tujuan, sasaran dan indikator
    ws = wb["Identitas"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "Renstra: tahun awal":
            row[1].value = 2024
        if row[0].value == "Renstra: tahun akhir":
            row[1].value = 2026
    wb["Urusan"].append(
        ["2", "Urusan Pemerintahan Wajib yang Tidak Berkaitan dengan Pelayanan Dasar"]
    )
    wb["Urusan"].append(["2.17", "Urusan Pemerintahan Bidang Koperasi, Usaha Kecil, dan Menengah"])
    r = wb["Renstra"]
    kol = [c.value for c in r[1]]

    def baris(**v):
        r.append([v.get(k) for k in kol])

    baris(Jenis="Tujuan", Kode="T1", **{"Uraian / Nama": "Meningkatnya daya saing koperasi"})
    baris(Jenis="Sasaran", Kode="S1", **{"Uraian / Nama": "Meningkatnya koperasi sehat"})
    baris(
        Jenis="Indikator",
        Kode="S1-1",
        IKU="Ya",
        Satuan="%",
        **{"Uraian / Nama": "Persentase koperasi sehat", "Target 2024": 40, "Target 2025": "45,5"},
    )
    html = _unggah(client, simpan(wb), url).content.decode()
    assert "Pratinjau perubahan" in html, html
    client.post(url, {"konfirmasi": "1"})
    ren = Renstra.objects.get(opd=opd)
    assert (ren.tahun_awal, ren.tahun_akhir) == (2024, 2026)
    ind = ren.tujuan.get().sasaran.get().indikator.get()
    assert ind.iku and [t.nilai for t in ind.target.order_by("tahun")] == [40, Decimal("45.5")]
    assert client.get("/opd/diskop-klungkung/2024/renstra/").status_code == 200
