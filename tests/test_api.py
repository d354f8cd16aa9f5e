import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from sakip.organisations.models import TokenApi


@pytest.fixture
def tokens(db):
    call_command("demo", "--no-serve")
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
    assert client.get("/api/opd").status_code == 401
    assert client.get("/api/opd", **_h("sakip_salah")).status_code == 401
    data = client.get("/api/opd", **_h(tokens["operator.disnaker"])).json()
    assert [o["slug"] for o in data] == ["disnaker-denpasar"]
    rows = client.get(
        "/api/opd/disnaker-denpasar/2022/pengukuran", **_h(tokens["operator.disnaker"])
    ).json()
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
    ).json()
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
