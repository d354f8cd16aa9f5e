"""Nilai yang tidak wajar tidak disimpan, sama di halaman isian, buku kerja OPD dan API (seed
Klungkung 2024): persen di luar 0–100, cacah negatif atau pecahan ditolak; nilai lebih dari 10 kali
dari target/periode lalu hanya dengan "Nilai ini benar" dan alasannya (tercatat di jejak audit)."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from sakip.audit.models import JejakAudit
from sakip.measurement.models import Realisasi
from sakip.organisations.models import Peran, PerangkatDaerah, TokenApi
from sakip.planning.models import Indikator
from sakip.rpjmd.models import IndikatorRPJMD
from sakip.rpjmd.services import IsianRealisasiDaerah, RPJMDError, catat_realisasi
from tests.conftest import pengguna

URL = "/opd/disnaker-klungkung/2024/realisasi/tw3/"


@pytest.fixture
def klk(klungkung):
    return PerangkatDaerah.objects.get(slug="disnaker-klungkung")


@pytest.fixture
def op(klk):
    return pengguna("op.klk", Peran.OPERATOR_OPD, klk)


@pytest.fixture
def ind(klk):
    return {i.kode: i for i in Indikator.objects.filter(opd=klk)}


def _tw3(i):
    return Realisasi.objects.filter(indikator=i, tahun=2024, periode="tw3").first()


def test_the_entry_page_refuses_absurd_values_and_asks_to_confirm_far_ones(client, op, ind):
    tpak, perselisihan = ind["S1-1"], ind["S2-1"]
    assert (tpak.satuan, perselisihan.satuan) == ("%", "Perselisihan")
    client.force_login(op)
    html = client.post(
        URL, {f"n-{tpak.id}": "1.000.000", f"n-{perselisihan.id}": "-3"}
    ).content.decode()
    assert (
        "Tingkat Partisipasi Angkatan Kerja (TPAK)”: 1.000.000% melebihi batas wajar 100%" in html
    )
    assert "-3 Perselisihan di bawah batas wajar 0 Perselisihan" in html
    assert _tw3(tpak) is None and _tw3(perselisihan) is None
    html = client.post(URL, {f"n-{perselisihan.id}": "2,5"}).content.decode()
    assert "satuan Perselisihan harus bilangan bulat" in html
    # 5% sedangkan target 2024 = 79%: perlu ditegaskan
    html = client.post(URL, {f"n-{tpak.id}": "5"}).content.decode()
    assert "5% kurang dari sepersepuluh target 2024 (79%)" in html
    assert f'name="y-{tpak.id}"' in html and "Nilai ini benar" in html
    assert _tw3(tpak) is None
    html = client.post(URL, {f"n-{tpak.id}": "5", f"y-{tpak.id}": "on"}).content.decode()
    assert "tulis alasan nilai yang ditegaskan" in html and _tw3(tpak) is None
    alasan = "Survei BPS Agustus belum terbit; angka sementara dari Sakernas triwulan"
    r = client.post(
        URL, {f"n-{tpak.id}": "5", f"y-{tpak.id}": "on", f"c-{tpak.id}": alasan}, follow=True
    )
    assert "1 realisasi triwulan III disimpan" in r.content.decode()
    assert (_tw3(tpak).nilai, _tw3(tpak).catatan) == (5, alasan)
    jejak = JejakAudit.objects.filter(model="measurement.Realisasi", objek_id=_tw3(tpak).pk).get()
    assert jejak.user.username == "op.klk" and jejak.perubahan["catatan"][1] == alasan
    # nilai wajar disimpan tanpa pertanyaan
    client.post(URL, {f"n-{perselisihan.id}": "2"})
    assert _tw3(perselisihan).nilai == 2


def test_an_indicator_may_state_another_range(client, op, ind):
    tpak = ind["S1-1"]
    client.force_login(op)
    assert "melebihi batas wajar 100%" in client.post(URL, {f"n-{tpak.id}": "120"}).content.decode()
    tpak.batas_atas = Decimal(150)
    tpak.save()
    client.post(URL, {f"n-{tpak.id}": "120"})
    assert _tw3(tpak).nilai == 120


def test_the_api_applies_the_same_rules(client, op, ind):
    h = {"HTTP_AUTHORIZATION": f"Bearer {TokenApi.buat(op, 'uji')[1]}"}
    url = "/api/opd/disnaker-klungkung/2024/realisasi/3"

    def kirim(**x):
        body = {"isian": [{"indikator": "S1-1", **x}]}
        return client.post(url, body, content_type="application/json", **h)

    r = kirim(nilai="1.000.000")
    assert r.status_code == 400
    assert r.json()["galat"] == {
        "isian[0].nilai": "“Tingkat Partisipasi Angkatan Kerja (TPAK)”: 1.000.000% melebihi batas "
        "wajar 100%."
    }
    r = kirim(nilai="5")
    assert r.status_code == 400 and "«Nilai ini benar»" in r.json()["galat"]["isian[0].yakin"]
    r = kirim(nilai="5", yakin=True, catatan="angka sementara")
    assert r.status_code == 200 and _tw3(ind["S1-1"]).nilai == 5


def test_the_opd_workbook_applies_the_same_rules(client, op, ind):
    client.force_login(op)
    url = "/opd/disnaker-klungkung/2024/excel/"
    wb = load_workbook(io.BytesIO(client.get(url + "templat.xlsx").content))
    ws = wb["Realisasi Indikator"]
    judul = [c.value for c in ws[1]]
    assert judul[-1] == "Nilai benar (Ya)"
    baris = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "S1-1")
    kolom = judul.index("TW III Nilai")

    def unggah(nilai, yakin=None, catatan=None):
        baris[kolom].value = nilai
        baris[judul.index("Nilai benar (Ya)")].value = yakin
        baris[judul.index("Catatan")].value = catatan
        buf = io.BytesIO()
        wb.save(buf)
        berkas = io.BytesIO(buf.getvalue())
        berkas.name = "realisasi.xlsx"
        return client.post(url, {"berkas": berkas}, follow=True).content.decode()

    n = baris[0].row
    html = unggah(1000000)
    assert f"Lembar &#x27;Realisasi Indikator&#x27;, baris {n}, kolom K" in html
    assert "1.000.000% melebihi batas wajar 100%" in html
    html = unggah(5)
    assert "kurang dari sepersepuluh target 2024 (79%)" in html and "isi Ya di kolom R" in html
    html = unggah(5, "Ya", "angka sementara Sakernas")
    assert "Tingkat Partisipasi Angkatan Kerja (TPAK) — TW 3" in html  # pratinjau perubahan
    assert _tw3(ind["S1-1"]) is None  # belum dikonfirmasi


def test_rpjmd_realisasi_of_a_percentage_cannot_be_negative(denpasar, rpjmd_denpasar):
    from django.contrib.auth import get_user_model

    tpt = IndikatorRPJMD.objects.filter(satuan="%").first()
    admin = get_user_model().objects.create_superuser("su", password="x")
    with pytest.raises(RPJMDError) as exc:
        catat_realisasi(admin, tpt, IsianRealisasiDaerah(tpt.rpjmd.tahun_awal, Decimal(-4), "BPS"))
    assert exc.value.galat == {"nilai": "-4% di bawah batas wajar 0%"}
