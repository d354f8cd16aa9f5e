"""Issue 27.6: di belakang reverse proxy setiap permintaan datang dari 127.0.0.1. Dengan
``SAKIP_PROXY_TEPERCAYA`` lima kata sandi salah dari satu klien mengunci nama pengguna itu hanya
untuk klien itu; pemiliknya dari alamat lain tetap masuk. Header X-Forwarded-For dari alamat yang
tidak tepercaya, atau bagian kirinya yang ditulis klien, tidak dipercaya."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory

from sakip.organisations.auth import alamat_klien

pytestmark = pytest.mark.django_db
SANDI = "Sandi-Benar-Operator-2025"


def _masuk(xff: str, sandi: str, remote: str = "127.0.0.1"):
    c = Client(REMOTE_ADDR=remote)
    return c, c.post(
        "/masuk/",
        {"username": "operator.uji", "password": sandi},
        HTTP_X_FORWARDED_FOR=xff,
    )


@pytest.fixture
def akun(db):
    return get_user_model().objects.create_user("operator.uji", password=SANDI)


def test_an_attacker_behind_the_proxy_does_not_lock_the_owner_out(akun, settings):
    settings.SAKIP_PROXY_TEPERCAYA = ("127.0.0.1",)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _masuk("203.0.113.9", "salah-salah-salah")
    _, resp = _masuk("203.0.113.9", SANDI)
    assert resp.status_code == 429 and "Terlalu banyak percobaan masuk" in resp.content.decode()
    # pemilik akun dari komputernya sendiri (alamat lain) tetap masuk dengan sandi yang benar
    c, resp = _masuk("198.51.100.20", SANDI)
    assert resp.status_code == 302, resp.content.decode()[:500]
    assert c.session.get("_auth_user_id") == str(akun.pk)


def test_without_the_setting_the_proxy_address_is_the_client(akun, settings):
    """Tanpa SAKIP_PROXY_TEPERCAYA header diabaikan (siapa pun dapat menulisnya)."""
    settings.SAKIP_PROXY_TEPERCAYA = ()
    for i in range(settings.AXES_FAILURE_LIMIT):
        _masuk(f"203.0.113.{i}", "salah-salah-salah")  # alamat palsu tiap kali: tidak menolong
    c, resp = _masuk("198.51.100.20", SANDI)
    assert resp.status_code == 429 and "_auth_user_id" not in c.session


def test_client_address_rule(settings):
    rf = RequestFactory()

    def alamat(remote, xff, tepercaya=("127.0.0.1", "10.0.0.5")):
        settings.SAKIP_PROXY_TEPERCAYA = tepercaya
        meta = {"REMOTE_ADDR": remote}
        if xff is not None:
            meta["HTTP_X_FORWARDED_FOR"] = xff
        return alamat_klien(rf.get("/", **meta))

    assert alamat("127.0.0.1", "198.51.100.20") == "198.51.100.20"
    # klien menulis header palsu; nginx menambahkan alamat sebenarnya di kanan
    assert alamat("127.0.0.1", "1.2.3.4, 198.51.100.20") == "198.51.100.20"
    # dua proksi tepercaya berantai
    assert alamat("127.0.0.1", "198.51.100.20, 10.0.0.5") == "198.51.100.20"
    # permintaan langsung (bukan dari proksi): header diabaikan
    assert alamat("198.51.100.7", "1.2.3.4") == "198.51.100.7"
    assert alamat("127.0.0.1", None) == "127.0.0.1"
    assert alamat("127.0.0.1", "bukan-alamat") == "127.0.0.1"
    assert alamat("127.0.0.1", "198.51.100.20", tepercaya=()) == "127.0.0.1"
