import pytest
from playwright.sync_api import expect

from tests.demo_cepat import muat_demo

from .conftest import masuk, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # peramban melihat HTML/JS yang sama di setiap mesin basis data; kode server di baliknya diuji
    # pada kedua putaran oleh tes halaman (klien Django): sekali per CI (putaran SQLite)
    pytest.mark.sekali,
]


def test_inspektorat_reviews_klungkung_in_the_browser(live_server, browser_page):
    muat_demo()
    page, base = browser_page, live_server.url
    page.goto(f"{base}/opd/disnaker-klungkung/2024/reviu/")
    assert "/masuk/" in page.url
    shot(page, "masuk")
    masuk(page, base, "inspektorat.klungkung", "sakip-demo-2024")
    page.goto(f"{base}/opd/disnaker-klungkung/2024/reviu/")
    page.click("text=Jalankan reviu otomatis")
    expect(page.locator("text=Reviu selesai")).to_be_visible()
    expect(page.locator("text=tertahan")).to_be_visible()
    row = page.locator("tr", has_text="Tabel 3.1 mencetak capaian Tingkat Partisipasi").first
    assert "101,11%" in row.inner_text()
    shot(page, "reviu")
    row.locator("select[name=status]").select_option("ditindaklanjuti")
    row.locator("textarea[name=tanggapan]").fill("Capaian diperbaiki menjadi 101,11%")
    row.locator("button", has_text="Simpan").click()
    expect(page.locator("text=menjadi Ditindaklanjuti")).to_be_visible()
    expect(page.locator("text=Tanggapan: Capaian diperbaiki menjadi 101,11%")).to_be_visible()


def test_operator_of_another_opd_is_refused(live_server, browser_page):
    muat_demo()
    page, base = browser_page, live_server.url
    masuk(page, base, "operator.disnaker", "sakip-demo-2022")
    resp = page.goto(f"{base}/opd/disnaker-klungkung/2024/reviu/")
    assert resp.status == 403
