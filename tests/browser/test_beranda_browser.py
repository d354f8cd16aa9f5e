"""Setiap peran masuk dan menemukan pekerjaannya di beranda; Operator sampai ke isian triwulan
dengan satu klik; menu mengikuti siklus SAKIP."""

import pytest
from playwright.sync_api import expect

from sakip.measurement.alur import ALUR_REALISASI
from sakip.measurement.entry import status_triwulan
from sakip.organisations.models import PerangkatDaerah
from tests.demo_cepat import muat_demo

from .conftest import masuk, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # peramban melihat HTML/JS yang sama di setiap mesin basis data; kode server di baliknya diuji
    # pada kedua putaran oleh tes halaman (klien Django): sekali per CI (putaran SQLite)
    pytest.mark.sekali,
]


def _siapkan():
    from django.contrib.auth import get_user_model

    from sakip.harian.pemberitahuan import buat_pengingat
    from sakip.measurement.models import Periode, Realisasi
    from sakip.planning.models import Indikator
    from sakip.workflow.services import jalankan

    muat_demo()
    users = get_user_model().objects
    opd = PerangkatDaerah.objects.get(slug="disnaker-klungkung")
    ind = Indikator.objects.filter(opd=opd, iku=True).first()
    Realisasi.objects.create(indikator=ind, tahun=2024, periode=Periode.TW3, nilai=79)
    st = status_triwulan(opd, 2024, 3)
    jalankan(ALUR_REALISASI, users.get(username="operator.klungkung"), st, "ajukan")
    import datetime as dt

    buat_pengingat(dt.date(2025, 2, 25))  # tiga hari sebelum tenggat LKjIP 2024


def test_setiap_peran_menemukan_pekerjaannya(live_server, browser_page):
    _siapkan()
    page, base = browser_page, live_server.url
    # Kepala OPD: realisasi TW III menunggu persetujuannya
    masuk(page, base, "kepala.klungkung", "sakip-demo-2024")
    page.goto(f"{base}/")
    menunggu = page.locator("section", has_text="Menunggu persetujuan Anda")
    expect(menunggu.locator("text=Realisasi TW III 2024")).to_be_visible()
    page.locator(".lencana").wait_for(timeout=10000)  # pemberitahuan belum dibaca
    shot(page, "beranda-kepala")
    menunggu.locator("a", has_text="Realisasi TW III 2024").click()
    assert page.url.endswith("/opd/disnaker-klungkung/2024/realisasi/tw3/")
    # Inspektorat: temuan reviu terbuka dan evaluasi
    masuk(page, base, "inspektorat.klungkung", "sakip-demo-2024")
    page.goto(f"{base}/")
    expect(
        page.locator("section", has_text="Temuan reviu terbuka").locator(
            "text=Dinas Ketenagakerjaan Kabupaten Klungkung 2024"
        )
    ).to_be_visible()
    shot(page, "beranda-inspektorat")
    # Admin Pemda: OPD terlambat per tenggat dan kemajuan Pemda
    masuk(page, base, "admin.contoh", "sakip-demo-2025")
    page.goto(f"{base}/")
    expect(
        page.locator("section", has_text="OPD terlambat").locator(
            "text=Perjanjian Kinerja (tenggat 31/01/2025)"
        )
    ).to_be_visible()
    expect(page.locator("section", has_text="Kemajuan Kabupaten Contoh 2025")).to_be_visible()
    # Kepala Bidang: PK jenjangnya, lalu satu klik ke isian cabangnya
    masuk(page, base, "kabid.contoh", "sakip-demo-2025")
    page.goto(f"{base}/")
    pk = page.locator("section", has_text="Perjanjian Kinerja jenjang Anda")
    expect(pk.locator("text=PK Kepala Bidang Penempatan dan Perluasan")).to_be_visible()
    shot(page, "beranda-kabid")
    pk.locator("a").first.click()
    assert page.url.endswith("/opd/disnaker-contoh/2025/jabatan/")
    page.goto(f"{base}/")
    page.click("a.tombol-utama")
    assert "/opd/disnaker-contoh/2025/realisasi/tw" in page.url
    assert page.locator("form").count() >= 1
    # Operator: pengingat tenggat di pemberitahuan, lalu satu klik ke isian triwulan ini
    masuk(page, base, "operator.klungkung", "sakip-demo-2024")
    page.goto(f"{base}/pemberitahuan/")
    expect(page.locator("text=Tenggat LKjIP Perangkat Daerah 2024: 28/02/2025")).to_be_visible()
    page.goto(f"{base}/")
    shot(page, "beranda-operator")
    page.click("a.tombol-utama")
    assert page.url.endswith("/opd/disnaker-klungkung/2024/realisasi/tw4/")
    # menu siklus SAKIP: Pengukuran ▸ Realisasi TW I
    page.click("nav.menu summary:has-text('Pengukuran')")
    page.click("nav.menu a:has-text('Realisasi TW I')")
    assert page.url.endswith("/opd/disnaker-klungkung/2024/realisasi/tw1/")
    # pencarian dari menu
    page.fill("nav.menu input[name=q]", "partisipasi")
    with page.expect_navigation():
        page.press("nav.menu input[name=q]", "Enter")
    # is_visible() tidak menunggu: tunggu hasilnya tergambar (CI pernah membaca halaman sebelumnya)
    page.locator("text=Tingkat Partisipasi Angkatan Kerja (TPAK)").first.wait_for(timeout=15000)
    expect(page.locator("text=Tingkat Partisipasi Angkatan Kerja (TPAK)").first).to_be_visible()
    # di layar ponsel menu dan beranda tetap terpakai
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{base}/")
    expect(page.locator("a.tombol-utama")).to_be_visible()
    shot(page, "beranda-ponsel")
