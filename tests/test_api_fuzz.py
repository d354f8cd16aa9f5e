"""API JSON dengan masukan yang diacak (hypothesis): badan permintaan dari isian sungguhan yang dirusak
(jenis salah, angka raksasa, negatif, NaN, kunci asing, kode ganda, JSON terpotong, penyandian lain)
dan alamat yang diacak. Tidak pernah 500; selalu JSON {"detail", "galat"} berbahasa Indonesia yang
menyebut medannya; basis data sama persis sebelum dan sesudah permintaan yang ditolak."""

import json

import pytest
from django.contrib.auth import get_user_model
from hypothesis import given
from hypothesis import strategies as st

from sakip.organisations.models import TokenApi
from tests.demo_cepat import muat_demo
from tests.interchange.test_fuzz import FUZZ, INGGRIS, sidik_db

URL = "/api/opd/disnaker-denpasar/2022/realisasi/{tw}"
# Indikator IKU seed Denpasar 2022 (rumus: pembilang/penyebut, persentasenya dihitung sakip).
SAH = {
    "isian": [
        {"indikator": "S2-1", "pembilang": "721", "penyebut": "1.164", "catatan": "uji"},
        {"indikator": "S1-1", "pembilang": "200", "penyebut": "296", "versi": 0},
    ]
}
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=8), c, max_size=4),
    max_leaves=10,
)
ANEH = st.one_of(
    JSON,
    st.sampled_from(
        ["", "-1", "1e400", "NaN", "Infinity", "9" * 80, "1.164,5,3", "12,5%", "ñ€𝄞", "\x00", "0"]
    ),
)
# Waktu terakhir token dipakai berubah pada setiap permintaan (catatan akses, bukan data).
TANPA_TOKEN = frozenset({"organisations.TokenApi"})
MEDAN = ["indikator", "nilai", "pembilang", "penyebut", "catatan", "versi", "tidak_dikenal"]


@st.composite
def badan_rusak(draw):
    body = json.loads(json.dumps(SAH))
    cara = draw(st.sampled_from(["medan", "medan", "hapus", "ganda", "akar", "acak", "mentah"]))
    if cara == "medan":
        item = draw(st.sampled_from(body["isian"]))
        item[draw(st.sampled_from(MEDAN))] = draw(ANEH)
    elif cara == "hapus":
        item = draw(st.sampled_from(body["isian"]))
        item.pop(draw(st.sampled_from(sorted(item))))
    elif cara == "ganda":
        body["isian"].append(dict(draw(st.sampled_from(body["isian"]))))
    elif cara == "akar":
        body[draw(st.sampled_from(["isian", "alasan_koreksi", "lain"]))] = draw(ANEH)
    elif cara == "acak":
        body = draw(JSON)
    text = json.dumps(body, allow_nan=True)
    if cara == "mentah":
        raw = text.encode()
        pilihan = draw(st.sampled_from(["potong", "utf16", "latin1", "nan", "bita"]))
        if pilihan == "potong":
            return raw[: draw(st.integers(0, len(raw) - 1))]
        if pilihan == "utf16":
            return text.encode("utf-16")
        if pilihan == "latin1":
            return text.replace("uji", "ují").encode("latin-1")
        if pilihan == "nan":
            return text.replace('"200"', "NaN").encode()
        b = bytearray(raw)
        b[draw(st.integers(0, len(b) - 1))] = draw(st.integers(0, 255))
        return bytes(b)
    return text.encode()


def _periksa_jawaban(resp):
    assert resp.status_code in (200, 400, 401, 403, 404, 409, 422), resp.status_code
    data = json.loads(resp.content)
    if resp.status_code != 200 or "detail" in data:
        assert isinstance(data, dict) and isinstance(data.get("detail"), str), data
        assert not INGGRIS.search(data["detail"]), data["detail"]
        for medan, pesan in (data.get("galat") or {}).items():
            assert medan and not INGGRIS.search(pesan), (medan, pesan)
    return data


@pytest.fixture
def token(db):
    muat_demo()
    user = get_user_model().objects.get(username="operator.disnaker")
    return TokenApi.buat(user, "uji")[1]


@pytest.mark.django_db
def test_realisasi_post_mutations(client, token):
    h = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    ok = client.post(URL.format(tw=1), json.dumps(SAH), content_type="application/json", **h)
    assert ok.status_code == 200, ok.content

    @FUZZ
    @given(body=badan_rusak(), tw=st.sampled_from([1, 2, 3]))
    def cek(body, tw):
        before = sidik_db(TANPA_TOKEN)
        resp = client.post(URL.format(tw=tw), body, content_type="application/json", **h)
        data = _periksa_jawaban(resp)
        if resp.status_code in (400, 422):
            assert data.get("galat"), data  # selalu menyebut medannya
        if resp.status_code != 200:
            assert sidik_db(TANPA_TOKEN) == before

    cek()


@pytest.mark.django_db
def test_read_endpoints_with_mutated_paths(client, token):
    h = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    bagian = st.one_of(
        st.sampled_from(["disnaker-denpasar", "disnaker-klungkung", "x", "2022", "-1", "ñ", "%00"]),
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", max_size=12),
    )
    angka = st.one_of(st.integers(-10, 10**12).map(str), st.sampled_from(["x", "1.5", "-0", ""]))

    @FUZZ
    @given(
        slug=bagian,
        tahun=angka,
        tw=angka,
        jalur=st.sampled_from(["pengukuran", "anggaran", "temuan", "realisasi/{tw}"]),
    )
    def cek(slug, tahun, tw, jalur):
        url = f"/api/opd/{slug}/{tahun}/" + jalur.format(tw=tw)
        resp = client.get(url, **h)
        if resp.status_code == 404 and not resp["Content-Type"].startswith("application/json"):
            return  # alamat tidak cocok dengan pola URL mana pun (halaman 404 biasa)
        _periksa_jawaban(resp)

    cek()


@pytest.mark.django_db
def test_wrong_or_missing_credentials_are_an_indonesian_401(client, token):
    """A wrong token is never downgraded to public; writing without credentials is a 401; reading
    without credentials is public for what is published only; work data asks for credentials."""
    for h in ({"HTTP_AUTHORIZATION": "Bearer sakip_salah"}, {"HTTP_AUTHORIZATION": "Basic eA=="}):
        resp = client.get("/api/opd", **h)
        assert resp.status_code == 401
        assert "Authorization" in resp.json()["detail"] and "token" in resp.json()["detail"]
    assert client.get("/api/opd").status_code == 200
    resp = client.get("/api/opd/disnaker-denpasar/2022/pengukuran")
    assert resp.status_code == 401 and "/api/publik/kota-denpasar/terbitan" in resp.json()["detail"]
    resp = client.post(URL.format(tw=1), json.dumps(SAH), content_type="application/json")
    assert resp.status_code == 401 and "token" in resp.json()["detail"]
