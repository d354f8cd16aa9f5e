import pytest
from playwright.sync_api import expect

from sakip.planning.models import Indikator
from tests.demo_cepat import muat_demo

from .conftest import masuk, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # peramban melihat HTML/JS yang sama di setiap mesin basis data; kode server di baliknya diuji
    # pada kedua putaran oleh tes halaman (klien Django): sekali per CI (putaran SQLite)
    pytest.mark.sekali,
]


def test_quarter_entry_approval_and_dashboard(live_server, browser_page):
    muat_demo()
    page, base = browser_page, live_server.url
    tpt = Indikator.objects.get(kode="T1-1", opd__slug="disnaker-denpasar")
    masuk(page, base, "operator.disnaker", "sakip-demo-2022")
    page.goto(f"{base}/opd/disnaker-denpasar/2022/realisasi/tw4/")
    page.fill(f"#p-{tpt.id}", "30.000")
    page.fill(f"#q-{tpt.id}", "400.000")
    page.locator("tr", has=page.locator(f"#p-{tpt.id}")).locator(
        ".pratinjau", has_text="7,50%"
    ).wait_for(timeout=30000)
    shot(page, "realisasi-isian")
    page.click("text=Simpan realisasi")
    expect(page.locator("text=1 realisasi triwulan IV disimpan")).to_be_visible()
    page.click("text=Ajukan ke Kepala OPD")
    expect(page.locator("text=diajukan").first).to_be_visible()
    masuk(page, base, "kepala.disnaker", "sakip-demo-2022")
    page.goto(f"{base}/opd/disnaker-denpasar/2022/realisasi/tw4/")
    page.click("button:has-text('Setujui')")
    expect(page.locator("text=disetujui").first).to_be_visible()
    page.goto(f"{base}/opd/disnaker-denpasar/2022/")
    row = page.locator("tr", has_text="Tingkat Pengangguran Terbuka").first
    assert "98,92%" in row.inner_text()
    shot(page, "dasbor-opd")
    masuk(page, base, "operator.klungkung", "sakip-demo-2024")
    resp = page.goto(f"{base}/opd/disnaker-denpasar/2022/realisasi/tw4/")
    assert resp.status == 403
