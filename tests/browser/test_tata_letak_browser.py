"""Tata letak halaman isian pada layar kantor (1366 px) dan ponsel (390 px): tabel anggaran tidak
melebar keluar layar; di ponsel setiap kolom isian realisasi (termasuk Catatan) terjangkau."""

import pytest

from tests.demo_cepat import muat_demo

from .conftest import masuk, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # peramban melihat HTML/JS yang sama di setiap mesin basis data; kode server di baliknya diuji
    # pada kedua putaran oleh tes halaman (klien Django): sekali per CI (putaran SQLite)
    pytest.mark.sekali,
]


def test_entry_pages_fit_an_office_screen_and_a_phone(live_server, browser_page):
    muat_demo()
    page, base = browser_page, live_server.url
    masuk(page, base, "operator.klungkung", "sakip-demo-2024")
    page.goto(f"{base}/opd/disnaker-klungkung/2024/anggaran/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{base}/opd/disnaker-klungkung/2024/realisasi/tw2/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    catatan = page.locator("textarea[name^=c-]")
    assert catatan.count() == 3
    for i in range(3):
        kotak = catatan.nth(i).bounding_box()
        assert kotak is not None and kotak["x"] >= 0 and kotak["x"] + kotak["width"] <= 390
    shot(page, "realisasi-390")
