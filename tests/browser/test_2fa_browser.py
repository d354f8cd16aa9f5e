"""Masuk dua langkah di peramban untuk akun Inspektorat: kata sandi saja tidak mencapai dasbor Pemda."""

import base64

import pytest
from django_otp.oath import totp
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

DASBOR = "/pemda/kabupaten-klungkung/2024/"


def _kode_dari_kunci(teks: str, langkah: int = 0) -> str:
    """Seperti aplikasi autentikator: kunci base32 yang diketik → kode 6 angka saat ini."""
    key = "".join(teks.split())
    key += "=" * (-len(key) % 8)
    return f"{totp(base64.b32decode(key), drift=langkah):06d}"


def test_inspektorat_password_alone_does_not_reach_the_pemda_dashboard(
    live_server, browser_page, settings
):
    settings.SAKIP_2FA_WAJIB = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    muat_demo()
    page, base = browser_page, live_server.url

    masuk(page, base, "inspektorat.klungkung", "sakip-demo-2024")
    resp = page.goto(f"{base}{DASBOR}")
    assert "/akun/2fa/" in page.url and "Dasbor" not in page.title()
    assert resp.status == 200
    expect(page.locator("text=wajib masuk dua langkah").first).to_be_visible()
    qr = page.locator(".qr img")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    shot(page, "2fa-daftar")
    kunci = page.locator("#kunci").inner_text()
    page.fill("#id_token", "000000")
    page.click("text=Aktifkan")
    expect(page.locator("text=Kode salah, coba lagi")).to_be_visible()
    page.fill("#id_token", _kode_dari_kunci(kunci))
    page.click("text=Aktifkan")
    kode = page.locator("#kode-pemulihan code").all_inner_texts()
    assert len(kode) == 10
    shot(page, "2fa-kode-pemulihan")
    page.click("text=Sudah saya simpan")
    assert page.url.endswith(DASBOR)
    expect(page.locator("h1", has_text="Kabupaten Klungkung")).to_be_visible()

    # masuk lagi: kata sandi saja berhenti di langkah kedua, juga untuk halaman lain dan API
    masuk(page, base, "inspektorat.klungkung", "sakip-demo-2024")
    page.goto(f"{base}{DASBOR}")
    assert "/akun/2fa/verifikasi/" in page.url
    shot(page, "2fa-verifikasi")
    assert page.goto(f"{base}/opd/disnaker-klungkung/2024/reviu/") and "/akun/2fa/" in page.url
    assert page.goto(f"{base}/api/opd").status == 403
    page.goto(f"{base}{DASBOR}")
    page.fill("#id_token", kode[0])
    page.click("text=Lanjutkan")
    assert page.url.endswith(DASBOR)
    expect(page.locator("text=sisa 9 kode")).to_be_visible()

    # kode aplikasi juga berlaku (jendela waktu berikutnya: kode yang sama tidak dapat dipakai ulang)
    masuk(page, base, "inspektorat.klungkung", "sakip-demo-2024")
    page.goto(f"{base}{DASBOR}")
    page.fill("#id_token", _kode_dari_kunci(kunci, langkah=1))
    page.click("text=Lanjutkan")
    assert page.url.endswith(DASBOR)
