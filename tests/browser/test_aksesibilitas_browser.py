"""Halaman utama setiap peran lolos axe-core (tanpa pelanggaran serious/critical), pada layar
kantor dan ponsel; formulir utama dapat dipakai dengan papan ketik."""

import pytest

from tests.demo_cepat import muat_demo

from .conftest import masuk, pelanggaran_axe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # peramban melihat HTML/JS yang sama di setiap mesin basis data; kode server di baliknya diuji
    # pada kedua putaran oleh tes halaman (klien Django): sekali per CI (putaran SQLite)
    pytest.mark.sekali,
]

K = "/opd/disnaker-klungkung/2024"
PERAN = {
    "operator.klungkung": (
        "sakip-demo-2024",
        [
            "/",
            f"{K}/",
            f"{K}/realisasi/tw3/",
            f"{K}/anggaran/",
            f"{K}/renstra/",
            f"{K}/renstra/susun/",
            f"{K}/rencana/",
        ],
    ),
    "kepala.klungkung": ("sakip-demo-2024", ["/", f"{K}/", f"{K}/realisasi/tw3/"]),
    "inspektorat.klungkung": (
        "sakip-demo-2024",
        ["/", f"{K}/reviu/", f"{K}/reviu/laporan/", f"{K}/evaluasi/"],
    ),
    "admin.contoh": (
        "sakip-demo-2025",
        [
            "/",
            "/pemda/kabupaten-contoh/2025/",
            "/pemda/kabupaten-contoh/2025/rpjmd/",
            "/pemda/kabupaten-contoh/kelola/",
        ],
    ),
    "kabid.contoh": ("sakip-demo-2025", ["/", "/opd/disnaker-contoh/2025/jabatan/"]),
}


def test_main_pages_of_every_role_pass_axe(live_server, browser_page):
    muat_demo()
    page, base = browser_page, live_server.url
    temuan = []
    for nama, (sandi, halaman) in PERAN.items():
        masuk(page, base, nama, sandi)
        for url in halaman:
            for lebar in (1366, 390):
                page.set_viewport_size({"width": lebar, "height": 800})
                resp = page.goto(base + url)
                assert resp is not None and resp.status == 200, (nama, url, resp and resp.status)
                temuan += [f"{nama} {url} @{lebar}px: {x}" for x in pelanggaran_axe(page)]
    page.context.clear_cookies()
    # publik: beranda dan portal (evaluasi final data contoh terbit lewat `sakip demo`)
    for url in (
        "/",
        "/publik/",
        "/publik/kabupaten-klungkung/",
        "/publik/kabupaten-klungkung/2024/",
        "/publik/kabupaten-klungkung/disnaker-klungkung/2024/",
    ):
        for lebar in (1366, 390):
            page.set_viewport_size({"width": lebar, "height": 800})
            resp = page.goto(base + url)
            assert resp is not None and resp.status == 200, ("publik", url, resp and resp.status)
            temuan += [f"publik {url} @{lebar}px: {x}" for x in pelanggaran_axe(page)]
    assert not temuan, "\n".join(temuan)


def _tab_ke(page, pilih: str, batas: int = 80) -> None:
    """Tekan Tab sampai elemen ``pilih`` memegang fokus (tanpa tetikus)."""
    for _ in range(batas):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", pilih):
            return
    raise AssertionError(f"{pilih} tidak tercapai dengan Tab")


def test_sign_in_and_quarter_entry_by_keyboard_only(live_server, browser_page):
    from sakip.measurement.models import Realisasi
    from sakip.planning.models import Indikator

    muat_demo()
    page, base = browser_page, live_server.url
    page.goto(f"{base}/masuk/")
    _tab_ke(page, "#id_username")
    page.keyboard.type("operator.klungkung")
    page.keyboard.press("Tab")
    page.keyboard.type("sakip-demo-2024")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tpak = Indikator.objects.get(opd__slug="disnaker-klungkung", kode="S1-1")
    page.goto(f"{base}{K}/realisasi/tw3/")
    _tab_ke(page, f"#n-{tpak.id}")
    page.keyboard.type("78,5")
    page.keyboard.press("Tab")
    page.keyboard.type("Sakernas Agustus")
    _tab_ke(page, "form#isian button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    r = Realisasi.objects.get(indikator=tpak, tahun=2024, periode="tw3")
    assert (str(r.nilai.normalize()), r.catatan) == ("78.5", "Sakernas Agustus")
