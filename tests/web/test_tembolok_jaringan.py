"""Tembolok bersama jaringan (Redis, ``SAKIP_REDIS_URL``): halaman bersesi tanpa kueri, tidak pernah
usang sesudah perubahan, pencabutan akses dan keluar berlaku seketika, Redis mati = jalur basis data.

Butuh Redis (127.0.0.1:6379, atau SAKIP_TES_REDIS_URL). Tanpa Redis tes ini dilewati, kecuali bila
SAKIP_TES_REDIS_WAJIB diisi (CI): maka gagal."""

import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sakip.measurement.models import Periode, Realisasi
from sakip.organisations.models import Keanggotaan
from sakip.planning.models import Indikator
from tests.conftest import redis_tes
from tests.demo_cepat import muat_demo

OPD = "/opd/disnaker-klungkung/2024/"
PEMDA = "/pemda/kabupaten-klungkung/2024/"


def _setel(settings, url: str) -> None:
    from django.core.cache import cache

    settings.CACHES = {
        **settings.CACHES,
        "bersama": {
            "BACKEND": "sakip.audit.tanda.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"tes-{uuid.uuid4().hex[:8]}",
            "KEY_FUNCTION": "sakip.audit.tanda.kunci",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        },
    }
    settings.SESSION_ENGINE = "sakip.organisations.sesi"
    settings.SESSION_CACHE_ALIAS = "bersama"
    settings.SAKIP_TANDA_BERSAMA = True
    cache.clear()


@pytest.fixture
def jaringan(settings, db):
    _setel(settings, redis_tes())
    muat_demo()


def _ubah_realisasi(nilai: str) -> None:
    ind = Indikator.objects.filter(opd__slug="disnaker-klungkung", iku=True).order_by("pk").first()
    Realisasi.objects.update_or_create(
        indikator=ind, tahun=2024, periode=Periode.TAHUNAN, defaults={"nilai": Decimal(nilai)}
    )


def _masuk(client, nama: str, sandi: str = "sakip-demo-2024"):
    assert client.login(username=nama, password=sandi)
    client.get("/")  # kuki CSRF, seperti peramban yang baru masuk


@pytest.mark.parametrize(
    "url,nama", [(OPD, "operator.klungkung"), (PEMDA, "inspektorat.klungkung")]
)
def test_cached_dashboard_needs_no_query_and_is_never_stale(client, jaringan, url, nama):
    _masuk(client, nama)
    pertama = client.get(url)
    assert pertama.status_code == 200
    with CaptureQueriesContext(connection) as q:
        kedua = client.get(url)
    assert kedua.status_code == 200
    assert len(q) == 0, [x["sql"][:90] for x in q.captured_queries]
    assert "987.654" not in kedua.content.decode()
    _ubah_realisasi("987654")
    sesudah = client.get(url).content.decode()
    if url == OPD:
        assert "987.654" in sesudah
    else:
        assert sesudah != kedua.content.decode()  # peringkat/capaian OPD itu berubah
    with CaptureQueriesContext(connection) as q:
        client.get(url)
    assert len(q) == 0


def test_revoked_membership_takes_effect_on_the_next_request(client, jaringan):
    _masuk(client, "operator.klungkung")
    client.get(OPD)
    assert client.get(OPD).status_code == 200
    Keanggotaan.objects.filter(user__username="operator.klungkung").delete()
    assert client.get(OPD).status_code == 403


def test_signing_out_ends_the_session_everywhere(client, jaringan):
    from django.test import Client

    _masuk(client, "operator.klungkung")
    assert client.get(OPD).status_code == 200
    lain = Client()  # "mesin lain" dengan kuki yang sama
    lain.cookies = client.cookies
    assert lain.get(OPD).status_code == 200
    curian = {k: v.value for k, v in client.cookies.items()}
    client.post("/keluar/")
    lain = Client()
    for k, v in curian.items():
        lain.cookies[k] = v
    r = lain.get("/opd/disnaker-klungkung/2024/realisasi/tw4/")
    assert r.status_code == 302 and "/masuk/" in r["Location"]


def test_a_flash_message_is_shown_once_and_never_cached(client, jaringan):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest

    _masuk(client, "operator.klungkung")
    client.get(OPD)
    client.get(OPD)  # halaman utuh sudah ditembolok
    # pesan sekali tampil yang menunggu (seperti sesudah "Simpan"), dalam kukinya
    req = HttpRequest()
    store = CookieStorage(req)
    store.add(constants.SUCCESS, "Realisasi tersimpan (uji).")
    from django.http import HttpResponse

    resp = HttpResponse()
    store.update(resp)
    client.cookies["messages"] = resp.cookies["messages"].value
    assert "Realisasi tersimpan (uji)." in client.get(OPD).content.decode()
    assert "Realisasi tersimpan (uji)." not in client.get(OPD).content.decode()


def test_renamed_slug_is_not_served_from_the_old_mapping(client, jaringan):
    from sakip.organisations.models import PerangkatDaerah

    _masuk(client, "operator.klungkung")
    client.get(OPD)
    client.get(OPD)
    opd = PerangkatDaerah.objects.get(slug="disnaker-klungkung")
    opd.slug = "disnaker-klk"
    opd.save()
    assert client.get(OPD).status_code == 404
    assert client.get("/opd/disnaker-klk/2024/").status_code == 200


def test_redis_down_falls_back_to_the_database(client, settings, db):
    muat_demo()
    _setel(settings, "redis://127.0.0.1:1/0")  # tidak ada yang mendengar
    _masuk(client, "operator.klungkung")
    r = client.get(OPD)
    assert r.status_code == 200 and "Dinas" in r.content.decode()
    _ubah_realisasi("424242")  # penulis juga tidak gagal
    assert "424.242" in client.get(OPD).content.decode()
    client.post("/keluar/")
    assert client.get("/opd/disnaker-klungkung/2024/realisasi/tw4/").status_code == 302


def test_a_user_signed_in_with_two_factors_also_needs_no_query(client, jaringan):
    from tests.otp import daftar_2fa

    _masuk(client, "inspektorat.klungkung")
    daftar_2fa(client, "inspektorat.klungkung")
    assert client.get(PEMDA).status_code == 200
    with CaptureQueriesContext(connection) as q:
        r = client.get(PEMDA)
    assert r.status_code == 200 and "Dasbor Kinerja" in r.content.decode()
    assert len(q) == 0, [x["sql"][:90] for x in q.captured_queries]
    # perangkatnya dihapus (mis. disetel ulang Admin Pemda): langkah kedua diminta lagi seketika
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user__username="inspektorat.klungkung").delete()
    with CaptureQueriesContext(connection) as q:
        client.get(PEMDA)
    assert len(q) > 0


def test_emptying_after_a_restore_drops_this_database_keys_only(settings, db):
    """``sakip restore`` memanggil ``tanda.kosongkan()``: tanda basis data ini diganti, kunci milik
    basis data lain (awalan sama, identitas lain) tetap."""
    from django.core.cache import caches

    from sakip.audit import tanda

    _setel(settings, redis_tes())
    sebelum = tanda.baca("opd:1", "umum")
    assert sebelum and tanda.baca("opd:1", "umum") == sebelum
    lain = caches["bersama"]._cache.get_client(write=True)
    kunci_lain = f"{caches['bersama'].key_prefix}:basisdatalain:0:1:tanda:opd:1"
    lain.set(kunci_lain, b"x", ex=60)
    assert tanda.kosongkan() >= 2
    assert tanda.baca("opd:1", "umum") != sebelum
    assert lain.get(kunci_lain) == b"x"
    lain.delete(kunci_lain)
