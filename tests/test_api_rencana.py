"""API menulis rencana: masukan dan aturan yang sama dengan halaman Susun Renstra dan buku kerja."""

import io

import pytest
from openpyxl import load_workbook

from sakip.berkas.xlsx import simpan
from sakip.organisations.models import Pemda, Peran, PerangkatDaerah, TokenApi
from sakip.planning.models import Indikator, Program
from tests.conftest import pengguna

BASE = "/api/opd/disnaker-uji/2024"


@pytest.fixture
def token(db):
    pemda = Pemda.objects.create(slug="kabupaten-uji", nama="Kabupaten Uji", jenis="kabupaten")
    opd = PerangkatDaerah.objects.create(pemda=pemda, slug="disnaker-uji", nama="Disnaker Uji")
    op = pengguna("op.uji", Peran.OPERATOR_OPD, opd)
    kepala = pengguna("kepala.uji", Peran.KEPALA_OPD, opd)
    return {
        "operator": {"HTTP_AUTHORIZATION": f"Bearer {TokenApi.buat(op, 'uji')[1]}"},
        "kepala": {"HTTP_AUTHORIZATION": f"Bearer {TokenApi.buat(kepala, 'uji')[1]}"},
    }


def _post(client, url, body, h):
    return client.post(BASE + url, body, content_type="application/json", **h)


def test_a_plan_is_built_through_the_api(client, token):
    h = token["operator"]
    r = _post(client, "/renstra", {"tahun_awal": 2024, "tahun_akhir": 2026, "visi": "V"}, h)
    assert r.status_code == 200, r.json()
    assert (
        _post(client, "/renstra/tujuan", {"kode": "T1", "uraian": "Tujuan"}, h).status_code == 200
    )
    r = _post(client, "/renstra/tujuan/T1/sasaran", {"kode": "S1", "uraian": "Sasaran"}, h)
    assert r.status_code == 200
    r = _post(
        client,
        "/indikator",
        {
            "pemilik": {"tingkat": "sasaran", "kode": "S1"},
            "nama": "TPAK",
            "iku": True,
            "kondisi_awal": "78,99",
            "target": [{"tahun": 2024, "nilai": "79"}, {"tahun": 2025, "nilai": 79.01}],
        },
        h,
    )
    assert r.json() == {"id": r.json()["id"], "kode": "S1-1", "teks": "TPAK"}
    ind = Indikator.objects.get(kode="S1-1")
    assert sorted((t.tahun, str(t.nilai.normalize())) for t in ind.target.all()) == [
        (2024, "79"),
        (2025, "79.01"),
    ]
    r = _post(client, "/program", {"kode": "2.07.04", "nama": "Penempatan", "sasaran": ["S1"]}, h)
    assert r.status_code == 200
    r = _post(
        client, "/program/2.07.04/kegiatan", {"kode": "2.07.04.2.01", "nama": "Antarkerja"}, h
    )
    assert r.status_code == 200
    r = _post(
        client,
        "/kegiatan/2.07.04.2.01/sub-kegiatan",
        {"kode": "2.07.04.2.01.02", "nama": "Pelayanan"},
        h,
    )
    assert r.status_code == 200 and Program.objects.get().sasaran.get().kode == "S1"


def test_mistakes_are_named_per_field_in_indonesian(client, token):
    h = token["operator"]
    _post(client, "/renstra", {"tahun_awal": 2024, "tahun_akhir": 2026}, h)
    _post(client, "/renstra/tujuan", {"kode": "T1", "uraian": "x"}, h)
    r = _post(
        client,
        "/indikator",
        {
            "pemilik": {"tingkat": "tujuan", "kode": "T1"},
            "nama": "A",
            "target": [{"tahun": 2025, "nilai": "tujuh"}, {"tahun": 2030, "nilai": 5}],
        },
        h,
    )
    assert r.status_code == 400
    assert r.json()["galat"] == {"target[0].nilai": "'tujuh' bukan angka (contoh: 1.164 atau 8,33)"}
    r = _post(
        client,
        "/indikator",
        {
            "pemilik": {"tingkat": "tujuan", "kode": "T1"},
            "nama": "A",
            "target": [{"tahun": 2030, "nilai": 5}],
        },
        h,
    )
    assert r.json()["galat"] == {"target[0].nilai": "Tahun 2030 di luar periode Renstra"}
    r = _post(client, "/program", {"kode": "2.99.01", "nama": "x"}, h)
    assert r.status_code == 400 and "tidak dikenal nomenklatur" in r.json()["galat"]["kode"]
    assert (
        _post(client, "/renstra/tujuan", {"kode": "T2", "uraian": "x"}, token["kepala"]).status_code
        == 403
    )
    assert not Indikator.objects.exists()


def test_the_planner_workbook_through_the_api(client, token):
    h = token["operator"]
    buku = client.get("/opd/disnaker-uji/2024/rencana/buku.xlsx")  # tanpa sesi: ke halaman masuk
    assert buku.status_code == 302
    from sakip.interchange.buku_rencana import tulis_buku
    from sakip.interchange.exporter import export_data

    wb = load_workbook(
        io.BytesIO(tulis_buku(export_data(PerangkatDaerah.objects.get(), 2024, kosong_boleh=True)))
    )
    for row in wb["Identitas"].iter_rows(min_row=2):
        if row[0].value == "Renstra: tahun awal":
            row[1].value = 2024
        if row[0].value == "Renstra: tahun akhir":
            row[1].value = 2026
    kol = [c.value for c in wb["Renstra"][1]]
    wb["Renstra"].append(
        [{"Jenis": "Tujuan", "Kode": "T1", "Uraian / Nama": "Tujuan"}.get(k) for k in kol]
    )
    data = simpan(wb)
    r = client.post(BASE + "/rencana.xlsx", {"berkas": io.BytesIO(data)}, **h)
    assert r.status_code == 200 and r.json()["diterapkan"] is False and r.json()["jumlah"] >= 1
    r = client.post(BASE + "/rencana.xlsx?terapkan=true", {"berkas": io.BytesIO(data)}, **h)
    assert r.json()["diterapkan"] is True
    r = client.post(BASE + "/rencana.xlsx", {"berkas": io.BytesIO(b"bukan xlsx")}, **h)
    assert r.status_code == 400 and "tidak ada yang disimpan" in r.json()["detail"]


def test_the_api_offers_the_nomenclature_and_asks_a_reason_for_a_code_outside(client, token):
    h = token["operator"]
    r = client.get("/api/nomenklatur/2024", {"induk": "2.07.04"}, **h)
    assert r.status_code == 200
    body = r.json()
    assert body["versi"].startswith("Permendagri 90/2019") and "sepeda" in body["sumber"]
    assert body["pilihan"][0] == {
        "kode": "2.07.04.2.01",
        "nama": "Pelayanan Antarkerja di Daerah Kabupaten/Kota",
    }
    r = _post(client, "/program", {"kode": "2.07.09", "nama": "Program Daerah"}, h)
    assert r.status_code == 400
    assert "tidak ada dalam nomenklatur" in r.json()["galat"]["alasan_nomenklatur"]
    r = _post(
        client,
        "/program",
        {"kode": "2.07.09", "nama": "Program Daerah", "alasan_nomenklatur": "Perda 3/2024"},
        h,
    )
    assert r.status_code == 200
    r = _post(client, "/program", {"kode": "2.07.03"}, h)  # nama dari nomenklatur
    assert r.json()["teks"] == "Program Pelatihan Kerja dan Produktivitas Tenaga Kerja"


def test_an_item_is_stopped_and_used_again_through_the_api(client, klungkung):
    opd = PerangkatDaerah.objects.get(slug="disnaker-klungkung")
    op = pengguna("op.klk", Peran.OPERATOR_OPD, opd)
    h = {"HTTP_AUTHORIZATION": f"Bearer {TokenApi.buat(op, 'uji')[1]}"}
    base = "/api/opd/disnaker-klungkung"

    def post(url, body):
        return client.post(base + url, body, content_type="application/json", **h)

    body = {"jenis": "program", "kode": "2.07.01", "alasan": "Nomenklatur baru"}
    r = post("/2024/hentikan", body)
    assert r.status_code == 400
    assert "tidak dapat dihentikan mulai 2024" in r.json()["detail"]
    assert "berhenti_tahun" in r.json()["galat"]
    r = post("/2026/hentikan", body)
    assert r.status_code == 200, r.json()
    assert r.json()["teks"].endswith("tidak dipakai lagi mulai 2026.")
    assert Program.objects.get(opd=opd, kode="2.07.01").berhenti_tahun == 2026
    r = post("/2026/hentikan", {"jenis": "indikator", "kode": "S9-9", "alasan": "x"})
    assert r.status_code == 404
    assert r.json()["detail"] == "Indikator berkode 'S9-9' tidak ada di OPD ini."
    r = post("/2026/hentikan", {"jenis": "sub_kegiatan", "kode": "2.07.01.2.01.02"})
    assert r.json()["galat"] == {
        "alasan_berhenti": "Tulis alasan berhentinya (tercatat dalam riwayat)."
    }
    assert post("/2026/pakai-lagi", {"jenis": "program", "kode": "2.07.01"}).status_code == 200
    assert Program.objects.get(opd=opd, kode="2.07.01").berhenti_tahun is None
