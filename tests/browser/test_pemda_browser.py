"""Admin Pemda baru, di peramban: menyusun RPJMD, menautkan sasaran dua OPD, melihat pohon kinerja
berwarna capaian, dan mengunduh LKjIP Pemda."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from sakip.interchange.importer import import_file
from sakip.organisations.models import Keanggotaan, Pemda, Peran
from sakip.paths import SEEDS_DIR
from sakip.planning.models import Sasaran

from .conftest import shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # peramban melihat HTML/JS yang sama di setiap mesin basis data; kode server di baliknya diuji
    # pada kedua putaran oleh tes halaman (klien Django): sekali per CI (putaran SQLite)
    pytest.mark.sekali,
]


def test_admin_pemda_builds_rpjmd_links_two_opds_and_downloads_lkjip(live_server, browser_page):
    for f in ("disnaker-contoh-2025", "bappeda-contoh-2025", "kecamatan-contoh-utara-2025"):
        import_file(SEEDS_DIR / "contoh" / f"{f}.yaml")
    pemda = Pemda.objects.get(slug="kabupaten-contoh")
    u = get_user_model().objects.create_user("bappeda.baru", password="sandi-baru-123")
    Keanggotaan.objects.create(user=u, peran=Peran.ADMIN_PEMDA, pemda=pemda)
    page, base = browser_page, live_server.url
    page.goto(f"{base}/masuk/")
    page.fill("#id_username", "bappeda.baru")
    page.fill("#id_password", "sandi-baru-123")
    page.click("button[type=submit]")
    # from the home page to the RPJMD page of the current year with data
    page.click("main a[href='/pemda/kabupaten-contoh/2025/rpjmd/']")
    page.fill("#tahun_awal", "2025")
    page.fill("#tahun_akhir", "2029")
    page.fill("#nama", "RPJMD Kabupaten Contoh 2025-2029")
    page.fill("#visi", "Kabupaten Contoh yang Sejahtera")
    page.fill("#misi", "Meningkatkan kesejahteraan\nMemperbaiki tata kelola")
    page.click("text=Buat RPJMD")
    expect(page.locator("text=dibuat sebagai draf")).to_be_visible()
    page.fill("#t-kode", "T1")
    page.fill("#t-uraian", "Meningkatnya kesejahteraan dan tata kelola")
    page.fill("#t-misi", "1")
    page.click("#form-tujuan button")
    page.fill("#s-kode", "S1")
    page.fill("#s-uraian", "Meningkatnya kesempatan kerja dan kualitas perencanaan")
    page.click("#form-sasaran button")
    page.fill("#i-kode", "IKD-1")
    page.fill("#i-nama", "Persentase pencari kerja terdaftar yang ditempatkan")
    page.fill("#i-satuan", "%")
    page.fill("#i-t2025", "tiga puluh")
    page.click("#form-indikator button")
    expect(page.locator(".galat-medan", has_text="Target 2025")).to_be_visible()
    page.fill("#i-kode", "IKD-1")
    page.fill("#i-nama", "Persentase pencari kerja terdaftar yang ditempatkan")
    page.fill("#i-t2025", "42")
    page.fill("#i-t2026", "44")
    page.click("#form-indikator button")
    expect(page.locator("text=dan targetnya ditambahkan")).to_be_visible()
    page.select_option("#r-ind", label="IKD-1 Persentase pencari kerja terdaftar yang ditempatkan")
    page.fill("#r-nilai", "38,57")
    page.fill("#r-sumber", "Disnaker Kabupaten Contoh")
    page.click("#form-realisasi button")
    # link two OPDs' sasaran
    for _opd, uraian in (
        ("disnaker-contoh", "Meningkatnya penempatan pencari kerja"),
        ("bappeda-contoh", "Meningkatnya keselarasan perencanaan dan penganggaran"),
    ):
        row = page.locator("tr", has_text=uraian)
        row.locator("select").select_option(
            label="S1 Meningkatnya kesempatan kerja dan kualitas perencanaan"
        )
        row.locator("button", has_text="Tautkan").click()
        expect(page.locator("text=kini mendukung")).to_be_visible()
    assert set(
        Sasaran.objects.filter(sasaran_rpjmd__isnull=False).values_list(
            "tujuan__renstra__opd__slug", flat=True
        )
    ) == {"disnaker-contoh", "bappeda-contoh"}
    kontribusi = page.locator("h3", has_text="S1 Meningkatnya kesempatan kerja").locator(
        "xpath=following-sibling::table[1]"
    )
    assert "Dinas Tenaga Kerja Kabupaten Contoh" in kontribusi.inner_text()
    assert "Badan Perencanaan Pembangunan" in kontribusi.inner_text()
    shot(page, "rpjmd")
    # the tree, with capaian colours
    page.click("text=Pohon kinerja 2025")
    expect(page.locator("h1", has_text="Pohon Kinerja Kabupaten Contoh Tahun 2025")).to_be_visible()
    node = page.locator("details.simpul-sasaran_rpjmd").first
    assert "91,83%" in node.locator("> summary").inner_text()  # 38,57 / 42
    colour = node.evaluate("e => getComputedStyle(e).borderLeftColor")
    assert colour not in (
        "rgb(216, 222, 228)",
        "",
    )  # coloured by its predikat, not the neutral grey
    shot(page, "pohon")
    # the buttons work once the deferred static script has run (no inline JS): wait for it
    page.wait_for_load_state("load")
    page.click("#pohon-ringkas")  # collapses everything below the third level
    expect(page.locator(".pohon details details details[open]")).to_have_count(0)
    page.click("#pohon-buka")
    expect(page.locator(".pohon details details details[open]").first).to_be_visible()
    page.go_back()
    with page.expect_download() as dl:
        page.click("a[href$='lkjip-pemda.docx']")
    assert dl.value.suggested_filename == "lkjip-kabupaten-contoh-2025.docx"
    resp = page.request.get(f"{base}/pemda/kabupaten-contoh/2025/dokumen/lkjip-pemda.pdf")
    assert resp.status == 200 and resp.body().startswith(b"%PDF")
