import os
import shutil

import pytest

CHROMIUM = os.environ.get("SAKIP_CHROMIUM", "/usr/bin/chromium")
SHOTS = os.environ.get(
    "SAKIP_SCREENSHOTS"
)  # folder: screenshots of the main pages are written here


@pytest.fixture
def browser_page():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("chromium tidak terpasang di CI")
        pytest.skip("chromium tidak terpasang (apt-get install -y chromium)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = (
        "true"  # Playwright's sync API runs an event loop in this thread
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        yield page
        browser.close()


def shot(page, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def masuk(page, base, username, password):
    """Sign in through the login page, as a fresh browser (cookies of the previous user cleared).

    The previous page's own requests (the notification count loads by HTMX on every page) are let
    finish first: one still running while cookies are cleared and the sign-in is posted races it on
    the test server's shared in-memory SQLite ("table is locked") and the sign-in is lost.
    """
    if page.url.startswith("http"):
        page.wait_for_load_state("networkidle")
    page.goto("about:blank")
    page.context.clear_cookies()
    page.goto(f"{base}/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():  # the next goto must not cut the sign-in short
        page.click("button[type=submit]")
    keluar = page.locator("form[action='/keluar/'] button")
    if not keluar.count():
        teks = page.locator("body").inner_text()[:400]
        raise AssertionError(f"masuk sebagai {username} gagal di {page.url}: {teks}")


AXE = os.path.join(os.path.dirname(__file__), "vendor", "axe-4.14.1.min.js")  # axe-core, MPL-2.0


def pelanggaran_axe(page) -> list[str]:
    """Pelanggaran aksesibilitas berat (serious/critical) halaman ``page`` menurut axe-core
    (tersalin di tests/browser/vendor). axe disuntikkan di konteks terpisah yang melewati CSP
    (sakip melarang skrip sebaris), dengan sesi yang sama; halaman uji sendiri tidak diubah."""
    ctx = page.context.browser.new_context(
        bypass_csp=True, storage_state=page.context.storage_state(), viewport=page.viewport_size
    )
    try:
        p = ctx.new_page()
        p.goto(page.url)
        p.add_script_tag(path=AXE)
        hasil = p.evaluate(
            """async () => {
              const r = await axe.run(document, {resultTypes: ['violations']});
              return r.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id} (${v.impact}): ${v.help} — ` +
                          v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
            }"""
        )
    finally:
        ctx.close()
    return hasil
