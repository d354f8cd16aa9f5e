"""Issue 27.8: satu aturan untuk pohon kinerja (reporting.pohon.pohon_untuk), dipakai halaman, API
dan unduhan. Kepala Bidang Disnaker Contoh tidak melihat subpohon Bappeda Contoh di mana pun."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from sakip.organisations.models import TokenApi
from tests.demo_cepat import muat_demo

pytestmark = pytest.mark.django_db
LAIN = "bappeda-contoh"
SENDIRI = "disnaker-contoh"


def _slug_opd(simpul: dict) -> set[str]:
    out = set()
    if simpul.get("opd_slug"):
        out.add(simpul["opd_slug"])
    for a in simpul.get("anak", []):
        out |= _slug_opd(a)
    return out


@pytest.fixture
def kabid(client, db):
    muat_demo()
    user = get_user_model().objects.get(username="kabid.contoh")
    client.force_login(user)
    token = TokenApi.buat(user, "uji")[1]
    return client, {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_other_opd_tree_is_refused_on_the_page_and_in_the_api(kabid):
    client, h = kabid
    assert client.get(f"/opd/{LAIN}/2025/pohon/").status_code == 403
    resp = client.get(f"/api/pemda/kabupaten-contoh/2025/pohon?opd={LAIN}", **h)
    assert resp.status_code == 403, resp.content[:300]
    assert client.get(f"/opd/{SENDIRI}/2025/pohon/").status_code == 200
    resp = client.get(f"/api/pemda/kabupaten-contoh/2025/pohon?opd={SENDIRI}", **h)
    assert resp.status_code == 200


def test_pemda_tree_is_pruned_to_what_the_user_may_see(kabid):
    client, h = kabid
    semua = client.get("/api/pemda/kabupaten-contoh/2025/pohon", **h).json()
    terlihat = set().union(*(_slug_opd(s) for s in semua))
    assert SENDIRI in terlihat and LAIN not in terlihat
    html = client.get("/pemda/kabupaten-contoh/2025/pohon/").content.decode()
    assert 'id="pohon-dipangkas"' in html and "Bappeda" not in html.split("<main", 1)[1]
    assert client.get("/pemda/kabupaten-contoh/2025/dokumen/pohon.pdf").status_code == 403


def test_admin_pemda_sees_every_opd(client, db):
    muat_demo()
    admin = get_user_model().objects.get(username="admin.contoh")
    h = {"HTTP_AUTHORIZATION": f"Bearer {TokenApi.buat(admin, 'uji')[1]}"}
    semua = client.get("/api/pemda/kabupaten-contoh/2025/pohon", **h).json()
    terlihat = set().union(*(_slug_opd(s) for s in semua))
    assert {SENDIRI, LAIN, "kecamatan-contoh-utara"} <= terlihat
