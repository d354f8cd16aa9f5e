"""Tidak ada perubahan yang hilang: dua orang membuka formulir yang sama, yang kedua menyimpan
ditolak dengan pesan yang menunjukkan nilai orang pertama (konkurensi optimistis)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from openpyxl import load_workbook

from sakip.measurement.models import Realisasi
from sakip.planning.models import Indikator, TargetIndikator
from tests.demo_cepat import muat_demo
from tests.formulir import isi_formulir

URL = "/opd/disnaker-denpasar/2022/realisasi/tw4/"


@pytest.fixture
def dua(db):
    """Dua pengisi yang sah untuk OPD yang sama: operator OPD dan admin Pemda, masing-masing sesinya."""
    muat_demo()
    users = get_user_model().objects
    a, b = Client(), Client()
    a.force_login(users.get(username="operator.disnaker"))
    b.force_login(users.get(username="admin.denpasar"))
    ind = {i.kode: i for i in Indikator.objects.filter(opd__slug="disnaker-denpasar")}
    return a, b, ind


def _form(client, url=URL, form_id="isian"):
    return isi_formulir(client.get(url).content.decode(), form_id)


def test_second_save_refused_with_the_others_value(dua):
    a, b, ind = dua
    tpt = ind["T1-1"]
    fa, fb = _form(a), _form(b)
    assert fa[f"v-{tpt.id}"] == "0" and fa[f"h-{tpt.id}"]  # belum ada realisasi TW IV
    fa |= {f"p-{tpt.id}": "30.000", f"q-{tpt.id}": "400.000", f"c-{tpt.id}": "Sakernas"}
    assert a.post(URL, fa).status_code == 302
    fb |= {f"p-{tpt.id}": "31.500", f"q-{tpt.id}": "400.000"}
    resp = b.post(URL, fb)
    html = resp.content.decode()
    assert resp.status_code == 200 and "Realisasi tidak disimpan" in html
    assert "diubah oleh operator.disnaker" in html and "menjadi 30.000/400.000 (7,50%)" in html
    assert "Isian Anda, 31.500/400.000 (7,88%), belum disimpan" in html
    r = Realisasi.objects.get(indikator=tpt, tahun=2022, periode="tw4")
    assert (r.pembilang, r.versi) == (30000, 1)  # nilai A tetap, tidak tertimpa
    # formulir yang ditampilkan lagi membawa isian B dan versi terbaru: simpan lagi = sadar menimpa
    again = isi_formulir(html, "isian")
    assert again[f"p-{tpt.id}"] == "31.500" and again[f"v-{tpt.id}"] == "1"
    assert b.post(URL, again).status_code == 302
    r.refresh_from_db()
    assert (r.pembilang, r.versi) == (31500, 2)


def test_rows_the_user_did_not_touch_are_not_overwritten(dua):
    a, b, ind = dua
    tpt, s11 = ind["T1-1"], ind["S1-1"]
    fa, fb = _form(a), _form(b)
    fa |= {f"p-{tpt.id}": "30.000", f"q-{tpt.id}": "400.000"}
    assert a.post(URL, fa).status_code == 302
    # B mengubah baris lain pada formulir lamanya (yang masih memuat T1-1 kosong)
    fb |= {f"p-{s11.id}": "721", f"q-{s11.id}": "1.164"}
    assert b.post(URL, fb).status_code == 302
    assert Realisasi.objects.get(indikator=tpt, periode="tw4").pembilang == 30000
    assert Realisasi.objects.get(indikator=s11, periode="tw4").pembilang == 721


def test_conflict_writes_nothing_of_the_save(dua):
    a, b, ind = dua
    tpt, s11 = ind["T1-1"], ind["S1-1"]
    fa, fb = _form(a), _form(b)
    fa |= {f"p-{tpt.id}": "30.000", f"q-{tpt.id}": "400.000"}
    a.post(URL, fa)
    fb |= {f"p-{tpt.id}": "1", f"q-{tpt.id}": "2", f"p-{s11.id}": "721", f"q-{s11.id}": "1.164"}
    assert b.post(URL, fb).status_code == 200
    assert not Realisasi.objects.filter(indikator=s11, periode="tw4").exists()


def test_same_value_from_both_is_not_a_conflict(dua):
    a, b, ind = dua
    tpt = ind["T1-1"]
    fa, fb = _form(a), _form(b)
    same = {f"p-{tpt.id}": "30.000", f"q-{tpt.id}": "400.000"}
    a.post(URL, fa | same)
    assert b.post(URL, fb | same).status_code == 302


def test_target_second_save_refused(dua):
    a, b, ind = dua
    url = "/opd/disnaker-denpasar/2022/target/"
    s11 = ind["S1-1"]
    key = f"t-{s11.id}-2023"
    fa, fb = _form(a, url, None), _form(b, url, None)
    old = TargetIndikator.objects.get(indikator=s11, tahun=2023)
    fa[key], fb[key] = "70", "72,5"
    assert a.post(url, fa).status_code == 302
    html = b.post(url, fb).content.decode()
    assert "Target tidak disimpan" in html
    assert "diubah oleh operator.disnaker" in html and "menjadi 70" in html
    assert "Isian Anda, 72,5, belum disimpan" in html
    t = TargetIndikator.objects.get(pk=old.pk)
    assert (t.nilai, t.versi) == (70, old.versi + 1)
    # B menyimpan lagi dengan sadar: versi terbaru ada di formulir yang ditampilkan lagi
    assert b.post(url, isi_formulir(html, None)).status_code == 302
    t.refresh_from_db()
    assert t.nilai == 72.5
    # sel lain yang tidak disentuh tidak ikut tersimpan (versinya tetap)
    other = TargetIndikator.objects.get(indikator=s11, tahun=2024)
    assert other.versi == 1


def test_api_versi_refused_with_409(dua, client):
    from sakip.organisations.models import TokenApi

    users = get_user_model().objects
    token = TokenApi.buat(users.get(username="operator.disnaker"), "uji")[1]
    h = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    url = "/api/opd/disnaker-denpasar/2022/realisasi/4"
    rows = {r["kode"]: r for r in client.get(url, **h).json()}
    assert rows["T1-1"]["versi"] == 0
    body = {"isian": [{"indikator": "T1-1", "pembilang": "3", "penyebut": "40", "versi": 0}]}
    assert client.post(url, body, content_type="application/json", **h).status_code == 200
    body["isian"][0]["pembilang"] = "2"
    resp = client.post(url, body, content_type="application/json", **h)
    assert resp.status_code == 409 and "menjadi 3/40 (7,50%)" in str(resp.json()["galat"])
    assert client.get(url, **h).json()[0]["versi"] == 1


def test_excel_confirm_refused_when_changed_after_preview(dua):
    a, b, ind = dua
    url = "/opd/disnaker-denpasar/2022/excel/"
    wb = load_workbook(io.BytesIO(a.get(url + "templat.xlsx").content))
    ws = wb["Realisasi Indikator"]
    assert ws["A2"].value == "T1-1"
    ws["O2"], ws["P2"] = 30000, 400000
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "isian.xlsx"
    assert "Pratinjau perubahan" in a.post(url, {"berkas": buf}).content.decode()
    tpt = ind["T1-1"]
    fb = _form(b) | {f"p-{tpt.id}": "25.000", f"q-{tpt.id}": "400.000"}
    assert b.post(URL, fb).status_code == 302
    html = a.post(url, {"konfirmasi": "1"}, follow=True).content.decode()
    assert "sesudah pratinjau dibuat; tidak ada yang disimpan" in html
    assert "menjadi 25.000/400.000 (6,25%)" in html
    assert Realisasi.objects.get(indikator=tpt, periode="tw4").pembilang == 25000


def test_budget_second_save_refused_and_untouched_rows_kept(dua):
    from sakip.budget.models import Anggaran

    a, b, _ = dua
    url = "/opd/disnaker-denpasar/2022/anggaran/"
    row = Anggaran.objects.get(kegiatan__kode="2.07.04.2.02", tahun=2022, triwulan__isnull=True)
    k = f"keg-{row.kegiatan_id}"
    other = Anggaran.objects.filter(opd=row.opd, tahun=2022, triwulan__isnull=True).exclude(
        pk=row.pk
    )[0]
    ko = f"sub-{other.sub_kegiatan_id}" if other.sub_kegiatan_id else f"keg-{other.kegiatan_id}"
    fa, fb = _form(a, url, None), _form(b, url, None)
    assert fa[f"h-{k}"] and fa[f"real-{k}"] == "19.599.000"
    fa[f"real-{k}"] = "20.000.000"
    assert a.post(url, fa).status_code == 302
    # B mengubah baris lain: baris yang diubah A tidak ditimpa nilai lama B
    fb[f"real-{ko}"] = "1"
    assert b.post(url, fb).status_code == 302
    row.refresh_from_db()
    assert row.realisasi == 20000000
    # B mengubah baris yang sama dari formulir lamanya: ditolak, nilai A ditunjukkan
    fb = _form(b, url, None)
    fa = _form(a, url, None)
    fa[f"real-{k}"] = "21.000.000"
    a.post(url, fa)
    fb[f"real-{k}"] = "22.000.000"
    html = b.post(url, fb).content.decode()
    assert "Anggaran tidak disimpan: sebagian baris sudah diubah orang lain" in html
    assert "diubah oleh operator.disnaker" in html and "realisasi Rp21.000.000" in html
    assert "Isian Anda, pagu Rp29.305.000, realisasi Rp22.000.000, belum disimpan" in html
    row.refresh_from_db()
    assert row.realisasi == 21000000
    assert b.post(url, isi_formulir(html, None)).status_code == 302  # sadar menimpa
    row.refresh_from_db()
    assert row.realisasi == 22000000


def test_pk_target_second_save_refused(dua):
    from sakip.planning.models import PerjanjianKinerja

    a, _, ind = dua
    users = get_user_model().objects
    b = Client()
    b.force_login(users.get(username="operator.disnaker"))  # orang kedua, peramban lain
    a.post("/opd/disnaker-denpasar/2022/pk/buat/")
    pk = PerjanjianKinerja.objects.get(opd__slug="disnaker-denpasar", tahun=2022)
    renstra = "/opd/disnaker-denpasar/2022/renstra/"

    def form(c):
        f = isi_formulir(c.get(renstra).content.decode())
        return {k: v for k, v in f.items() if k.startswith(("t-", "a-t-"))} | {"versi": "1"}

    fa, fb = form(a), form(b)
    s11 = ind["S1-1"]
    t0 = pk.indikator.get(indikator=s11).target
    assert fa[f"a-t-{s11.id}"] == fa[f"t-{s11.id}"]
    fa[f"t-{s11.id}"] = "81"
    a.post("/opd/disnaker-denpasar/2022/pk/target/", fa)
    fb[f"t-{s11.id}"] = "82,5"
    html = b.post("/opd/disnaker-denpasar/2022/pk/target/", fb, follow=True).content.decode()
    assert "sudah diubah oleh operator.disnaker" in html and "menjadi 81" in html
    assert "Isian Anda, 82,5, belum disimpan" in html
    assert pk.indikator.get(indikator=s11).target == 81 != t0


def test_tampered_version_fields_are_refused_by_name_and_nothing_saved(dua):
    from sakip.budget.models import Anggaran
    from sakip.planning.models import PerjanjianKinerja

    a, _, ind = dua
    tpt, s11 = ind["T1-1"], ind["S1-1"]
    # realisasi: versi bukan bilangan
    f = _form(a) | {f"p-{tpt.id}": "1", f"q-{tpt.id}": "2", f"p-{s11.id}": "3"}
    f |= {f"q-{s11.id}": "4", f"v-{tpt.id}": "dua"}
    html = a.post(URL, f).content.decode()
    assert "Versi “Tingkat Pengangguran Terbuka” (&#x27;dua&#x27;) bukan bilangan bulat" in html
    assert not Realisasi.objects.filter(periode="tw4", indikator__in=[tpt, s11]).exists()
    # API: versi teks → 422 menyebut medannya (skema: bilangan bulat ≥ 0), tidak tersimpan
    from sakip.organisations.models import TokenApi

    token = TokenApi.buat(get_user_model().objects.get(username="operator.disnaker"), "uji")[1]
    body = {"isian": [{"indikator": "T1-1", "pembilang": "3", "penyebut": "4", "versi": "x"}]}
    resp = a.post(
        "/api/opd/disnaker-denpasar/2022/realisasi/4",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert resp.status_code == 422
    assert resp.json()["galat"] == {"isian[0].versi": "harus bilangan bulat"}
    assert not Realisasi.objects.filter(periode="tw4", indikator=tpt).exists()
    # target Renstra: versi rusak menyebut indikator dan tahunnya
    url = "/opd/disnaker-denpasar/2022/target/"
    f = _form(a, url, None)
    key = f"t-{s11.id}-2023"
    before = TargetIndikator.objects.get(indikator=s11, tahun=2023).nilai
    f[key], f[f"v-{key}"] = "70", "satu"
    html = a.post(url, f).content.decode()
    assert "tahun 2023: versi &#x27;satu&#x27; bukan bilangan bulat" in html
    assert TargetIndikator.objects.get(indikator=s11, tahun=2023).nilai == before
    # anggaran: sidik rusak menyebut barisnya
    url = "/opd/disnaker-denpasar/2022/anggaran/"
    row = Anggaran.objects.get(kegiatan__kode="2.07.04.2.02", tahun=2022, triwulan__isnull=True)
    k = f"keg-{row.kegiatan_id}"
    f = _form(a, url, None)
    f[f"real-{k}"], f[f"h-{k}"] = "1", "<script>"
    html = a.post(url, f).content.decode()
    assert "2.07.04.2.02" in html and "formulir rusak" in html
    row.refresh_from_db()
    assert row.realisasi == 19599000
    # target PK: nilai awal rusak
    a.post("/opd/disnaker-denpasar/2022/pk/buat/")
    pk = PerjanjianKinerja.objects.get(opd__slug="disnaker-denpasar", tahun=2022)
    it = pk.indikator.get(indikator=s11)
    data = {f"t-{x.indikator_id}": "1" for x in pk.indikator.all()} | {"versi": "1"}
    data[f"a-t-{s11.id}"] = "abc"
    html = a.post("/opd/disnaker-denpasar/2022/pk/target/", data, follow=True).content.decode()
    assert "bukan angka: formulir rusak" in html
    assert pk.indikator.get(pk=it.pk).target == it.target
