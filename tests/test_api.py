import pytest
from django.contrib.auth import get_user_model

from sakip.organisations.models import TokenApi
from tests.demo_cepat import muat_demo


@pytest.fixture
def tokens(db):
    muat_demo()
    users = get_user_model().objects
    return {
        name: TokenApi.buat(users.get(username=name), "uji")[1]
        for name in ("operator.disnaker", "kepala.disnaker", "operator.klungkung")
    }


def _h(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.mark.django_db
def test_openapi_schema_and_docs_offline(client, db):
    schema = client.get("/api/openapi.json").json()
    assert "/api/opd/{slug}/{tahun}/pengukuran" in schema["paths"]
    docs = client.get("/api/docs").content.decode()
    assert "cdn" not in docs.lower()  # served from vendored static files


@pytest.mark.django_db
def test_read_with_token_and_permissions(client, tokens):
    # tanpa kredensial: publik (tidak ada OPD-tahun yang terbit di data demo); token salah: 401
    # the public lists only OPDs with a publication (the demo publishes both final evaluations)
    assert client.get("/api/opd").json()["count"] == 2
    assert client.get("/api/opd", **_h("sakip_salah")).status_code == 401
    data = client.get("/api/opd", **_h(tokens["operator.disnaker"])).json()
    assert [o["slug"] for o in data["items"]] == ["disnaker-denpasar"] and data["count"] == 1
    assert data["items"][0]["tahun"] == [2022]
    rows = client.get(
        "/api/opd/disnaker-denpasar/2022/pengukuran", **_h(tokens["operator.disnaker"])
    ).json()["items"]
    s21 = next(r for r in rows if r["kode"] == "S2-1")
    assert s21["pembilang"] == "721.0000" or float(s21["pembilang"]) == 721
    assert s21["capaian_teks"] == "176,98%" and s21["predikat"] == "Sangat Tinggi"
    assert (
        client.get(
            "/api/opd/disnaker-klungkung/2024/pengukuran", **_h(tokens["operator.disnaker"])
        ).status_code
        == 403
    )
    budget = client.get(
        "/api/opd/disnaker-denpasar/2022/anggaran", **_h(tokens["kepala.disnaker"])
    ).json()["items"]
    assert float(budget[0]["pagu"]) == 2653931750


@pytest.mark.django_db
def test_write_realisasi_same_rules_as_pages(client, tokens):
    url = "/api/opd/disnaker-denpasar/2022/realisasi/4"
    body = {"isian": [{"indikator": "T1-1", "pembilang": "30.000", "penyebut": "400.000"}]}
    resp = client.post(
        url, body, content_type="application/json", **_h(tokens["operator.disnaker"])
    )
    assert resp.status_code == 200 and resp.json()["disimpan"] == 1
    bad = {"isian": [{"indikator": "T1-1", "pembilang": "tiga", "penyebut": "400"}]}
    resp = client.post(url, bad, content_type="application/json", **_h(tokens["operator.disnaker"]))
    assert resp.status_code == 400 and "bukan angka" in " ".join(resp.json()["galat"].values())
    assert (
        client.post(
            url, body, content_type="application/json", **_h(tokens["kepala.disnaker"])
        ).status_code
        == 403
    )
    assert (
        client.post(
            url, body, content_type="application/json", **_h(tokens["operator.klungkung"])
        ).status_code
        == 403
    )
    unknown = {"isian": [{"indikator": "ZZ", "nilai": "1"}]}
    assert (
        client.post(
            url, unknown, content_type="application/json", **_h(tokens["operator.disnaker"])
        ).status_code
        == 400
    )


# --- Issue 16: the schema tells the truth, no silent drops, reads everything pages show ---


@pytest.mark.django_db
def test_the_four_reported_contract_defects(client, tokens):
    h = _h(tokens["operator.disnaker"])
    schema = client.get("/api/openapi.json").json()
    # 1. every operation declares the errors it can give (ST103)
    for path, item in schema["paths"].items():
        for method, op in item.items():
            declared = set(op["responses"])
            assert {"401", "403", "404", "422"} <= declared, (method, path, declared)
            if method == "post":
                assert {"400", "409"} <= declared
    # 2. triwulan outside 1–4 is excluded by the schema itself (ST202) and refused with 422
    params = schema["paths"]["/api/opd/{slug}/{tahun}/realisasi/{triwulan}"]["get"]["parameters"]
    tw = next(p for p in params if p["name"] == "triwulan")["schema"]
    assert tw["minimum"] == 1 and tw["maximum"] == 4
    resp = client.get("/api/opd/disnaker-denpasar/2022/realisasi/5", **h)
    assert resp.status_code == 422 and resp.json()["galat"] == {
        "triwulan": "terlalu besar (paling besar 4)"
    }
    # 3. validation errors in Indonesian, naming the field
    resp = client.post(
        "/api/opd/disnaker-denpasar/2022/realisasi/1",
        {"isian": [{"indikator": "S1-1", "versi": "dua"}]},
        content_type="application/json",
        **h,
    )
    assert resp.status_code == 422
    assert resp.json()["galat"] == {"isian[0].versi": "harus bilangan bulat"}
    assert "Input should" not in resp.content.decode()
    # 4. nilai for a formula indicator: 400 naming it, nothing saved
    from sakip.measurement.models import Realisasi

    before = Realisasi.objects.count()
    resp = client.post(
        "/api/opd/disnaker-denpasar/2022/realisasi/1",
        {"isian": [{"indikator": "S1-1", "nilai": "5"}]},
        content_type="application/json",
        **h,
    )
    assert resp.status_code == 400
    assert "pembilang dan penyebut" in resp.json()["galat"]["isian[0].nilai"]
    # unknown key, pembilang without penyebut: 400/422 naming it, nothing saved
    resp = client.post(
        "/api/opd/disnaker-denpasar/2022/realisasi/1",
        {"isian": [{"indikator": "S1-1", "pembilang": "3", "warna": "merah"}]},
        content_type="application/json",
        **h,
    )
    assert resp.status_code == 422 and "isian[0].warna" in resp.json()["galat"]
    resp = client.post(
        "/api/opd/disnaker-denpasar/2022/realisasi/1",
        {"isian": [{"indikator": "S1-1", "pembilang": "3"}]},
        content_type="application/json",
        **h,
    )
    assert resp.status_code == 400 and "bersama" in " ".join(resp.json()["galat"].values())
    assert Realisasi.objects.count() == before


@pytest.mark.django_db
def test_reads_everything_the_pages_show(client, tokens):
    h = _h(tokens["operator.klungkung"])
    base = "/api/opd/disnaker-klungkung/2024"
    pemda = client.get("/api/pemda").json()
    assert {p["slug"] for p in pemda["items"]} == {
        "kota-denpasar",
        "kabupaten-klungkung",
        "kabupaten-contoh",
    }
    renstra = client.get(f"{base}/renstra", **h).json()
    assert renstra["tahun_awal"] == 2024 and renstra["tujuan"][0]["kode"] == "T1"
    s11 = renstra["tujuan"][0]["sasaran"][0]["indikator"][0]
    assert s11["kode"] == "S1-1" and {t["tahun"] for t in s11["target"]} >= {2024, 2025, 2026}
    pk = client.get(f"{base}/pk", **h).json()["items"]
    assert pk[0]["versi"] == 1 and pk[0]["jenis"] == "murni"
    assert [i["kode"] for i in pk[0]["indikator"]] == ["S1-1", "S2-1"]
    real = client.get(f"{base}/realisasi", **h).json()
    assert real["count"] > 0 and {r["periode"] for r in real["items"]} <= {
        "tw1",
        "tw2",
        "tw3",
        "tw4",
        "tahunan",
    }
    prog = client.get(f"{base}/anggaran?tingkat=program", **h).json()["items"]
    assert prog and all(r["tingkat"] == "program" for r in prog)
    doc = client.get(f"{base}/dokumen/pengukuran?format=html", **h)
    assert doc.status_code == 200 and doc["Content-Type"].startswith("text/html")
    assert client.get(f"{base}/dokumen/lkjip?format=exe", **h).status_code == 422
    # the Pemda ranking: Admin Pemda / Inspektorat only
    assert client.get("/api/pemda/kabupaten-klungkung/2024/peringkat", **h).status_code == 403


@pytest.mark.django_db
def test_pagination_and_etag(client, tokens):
    h = _h(tokens["operator.disnaker"])
    url = "/api/opd/disnaker-denpasar/2022/pengukuran"
    semua = client.get(url, **h).json()
    page = client.get(url + "?limit=5&offset=5", **h).json()
    assert page["count"] == semua["count"] > 10 and page["items"] == semua["items"][5:10]
    assert client.get(url + "?limit=0", **h).status_code == 422
    first = client.get(url, **h)
    etag = first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag, **h)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    # a change makes the old ETag stale
    client.post(
        "/api/opd/disnaker-denpasar/2022/realisasi/4",
        {"isian": [{"indikator": "T1-1", "pembilang": "30.000", "penyebut": "400.000"}]},
        content_type="application/json",
        **h,
    )
    assert client.get(url, HTTP_IF_NONE_MATCH=etag, **h).status_code == 200
    schema = client.get("/api/openapi.json").json()
    op = schema["paths"]["/api/opd/{slug}/{tahun}/pengukuran"]["get"]
    assert "ETag" in op["responses"]["200"]["headers"] and "304" in op["responses"]
    assert {} not in op["security"]  # work data needs credentials; the public reads publications
    pub = schema["paths"]["/api/publik/{pemda}/terbitan"]["get"]
    assert {} in pub["security"]


@pytest.mark.django_db
def test_the_public_reads_publications_not_work_data(client, tokens):
    from sakip.organisations.models import PerangkatDaerah
    from sakip.publikasi.services import lengkapi
    from sakip.reporting.models import PersetujuanLkjip

    url = "/api/opd/disnaker-denpasar/2022/pengukuran"
    r = client.get(url)
    assert r.status_code == 401 and "/api/publik/kota-denpasar/terbitan" in r.json()["detail"]
    # the demo publishes the final evaluation only
    awal = client.get("/api/publik/kota-denpasar/terbitan").json()["items"]
    assert [t["jenis"] for t in awal] == ["evaluasi"] and awal[0]["berkas"] is None
    PersetujuanLkjip.objects.create(
        opd=PerangkatDaerah.objects.get(slug="disnaker-denpasar"), tahun=2022, status="disetujui"
    )
    lengkapi()
    # still no work data (quarters, findings) for the public, even for a published OPD-year
    for titik in ("pengukuran", "realisasi", "anggaran", "temuan", "pk", "renstra"):
        assert client.get(f"/api/opd/disnaker-denpasar/2022/{titik}").status_code == 401, titik
    terbit = client.get("/api/publik/kota-denpasar/terbitan?jenis=lkjip").json()["items"]
    assert [(t["opd_slug"], t["tahun"], t["jenis"]) for t in terbit] == [
        ("disnaker-denpasar", 2022, "lkjip")
    ]
    assert terbit[0]["berkas"].startswith("/publik/kota-denpasar/berkas/")
    assert terbit[0]["data"]["indikator"] and "anggaran" in terbit[0]["data"]
    assert {o["slug"] for o in client.get("/api/opd").json()["items"]} == {
        "disnaker-denpasar",
        "disnaker-klungkung",
    }
    assert client.get("/api/publik/tidak-ada/terbitan").status_code == 404
    # a signed-in user still reads the work data
    h = {"HTTP_AUTHORIZATION": f"Bearer {tokens['operator.disnaker']}"}
    assert client.get(url, **h).status_code == 200


@pytest.mark.django_db
def test_a_huge_offset_is_refused_not_a_server_error(client, tokens):
    h = _h(tokens["operator.disnaker"])
    url = "/api/opd/disnaker-denpasar/2022/temuan?limit=165&offset=3804994778192275832832"
    r = client.get(url, **h)
    assert r.status_code == 422 and "offset" in r.json()["detail"]
    assert client.get(url.replace("3804994778192275832832", "2147483647"), **h).status_code == 200
