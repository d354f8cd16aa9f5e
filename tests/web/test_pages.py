import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.tembolok import dingin


@pytest.mark.django_db
def test_beranda_lists_the_seeds(admin_client, denpasar, klungkung):
    html = admin_client.get("/").content.decode()
    assert "Dinas Tenaga Kerja dan Sertifikasi Kompetensi Kota Denpasar" in html
    assert "/opd/disnaker-klungkung/2024/" in html
    assert "shared/seeds" not in html  # sumber data dalam bahasa pengguna, bukan jalur internal


@pytest.mark.django_db
def test_beranda_links_only_what_the_user_may_open(client, klungkung):
    """Admin Pemda Klungkung: kelola, dasbor (tiap tahun sekali) dan RPJMD Pemdanya saja; tidak ada
    tautan ke Pemda lain yang berujung 403."""
    import re

    from sakip.organisations.models import Pemda, Peran
    from sakip.planning.models import TahunKinerja
    from tests.conftest import pengguna

    lain = Pemda.objects.create(slug="kabupaten-lain", nama="Kabupaten Lain", jenis="kabupaten")
    klk = Pemda.objects.get(slug="kabupaten-klungkung")
    opd = klk.opd.get()
    TahunKinerja.objects.create(opd=opd, tahun=2025)
    admin = pengguna("admin.klk", Peran.ADMIN_PEMDA, opd)
    client.force_login(admin)
    html = client.get("/").content.decode()
    assert "/pemda/kabupaten-klungkung/kelola/" in html
    assert "/pemda/kabupaten-lain/" not in html and lain.nama in html
    (baris,) = re.findall(r"dasbor: (.*?)</span>", html)
    assert re.findall(r">(\d+)</a>", baris) == ["2025", "2024"]  # tiap tahun sekali
    for url in set(re.findall(r'href="(/pemda/[^"]+)"', html)):
        assert client.get(url).status_code == 200, url
    # menu: tahun terakhir yang berdata di Pemda-nya (2025), bukan tahun kalender yang kosong
    menu = "".join(re.findall(r'<details class="menu-grup">.*?</details>', html, re.S))
    assert "/pemda/kabupaten-klungkung/2025/" in menu and "/2026/" not in menu


@pytest.mark.django_db
def test_opd_page_shows_computed_figures_in_indonesian_format(admin_client, klungkung):
    html = admin_client.get("/opd/disnaker-klungkung/2024/").content.decode()
    assert "101,11%" in html and "187,90" not in html
    assert "Rp6.253.600.939" in html
    assert "Tahun 2024" in html
    assert "tidak dapat dihitung" in html  # the BPS tujuan indicator has no realisasi


@pytest.mark.django_db
def test_opd_page_denpasar_totals(admin_client, denpasar):
    html = admin_client.get("/opd/disnaker-denpasar/2022/").content.decode()
    assert "2.653.931.750" in html and "2.583.575.055" in html and "97,35%" in html
    assert "200 dari 296" in html and "67,57" in html


@pytest.mark.django_db
def test_unknown_year_is_404(admin_client, denpasar):
    assert admin_client.get("/opd/disnaker-denpasar/1999/").status_code == 404
    assert admin_client.get("/opd/tidak-ada/2022/").status_code == 404


@pytest.mark.django_db
def test_query_count_does_not_grow_with_indicators(admin_client, denpasar, klungkung):
    dingin()
    with CaptureQueriesContext(connection) as small:
        admin_client.get("/opd/disnaker-denpasar/2022/")
    dingin()
    with CaptureQueriesContext(connection) as big:
        admin_client.get("/opd/disnaker-klungkung/2024/")
    assert len(small) == len(big)
    assert len(big) <= 20, [q["sql"][:80] for q in big.captured_queries]


@pytest.mark.django_db
def test_query_count_constant_when_indicators_are_added(admin_client, denpasar):
    from sakip.planning.models import Indikator, SubKegiatan, TargetIndikator

    dingin()
    with CaptureQueriesContext(connection) as before:
        admin_client.get("/opd/disnaker-denpasar/2022/")
    sub = SubKegiatan.objects.filter(kegiatan__program__opd=denpasar).first()
    for i in range(10):
        ind = Indikator.objects.create(
            opd=denpasar, kode=f"X-{i}", nama=f"Tambahan {i}", sub_kegiatan=sub
        )
        TargetIndikator.objects.create(indikator=ind, tahun=2022, nilai=10)
    dingin()
    with CaptureQueriesContext(connection) as after:
        html = admin_client.get("/opd/disnaker-denpasar/2022/").content.decode()
    assert "Tambahan 9" in html
    assert len(after) == len(before)


@pytest.mark.django_db
def test_public_sees_only_approved_lkjip(client, denpasar):
    from sakip.reporting.models import PersetujuanLkjip

    assert client.get("/opd/disnaker-denpasar/2022/").status_code == 404
    assert "disnaker-denpasar/2022" not in client.get("/").content.decode()
    PersetujuanLkjip.objects.create(opd=denpasar, tahun=2022, status="disetujui")
    from sakip.publikasi.services import lengkapi

    lengkapi()  # yang disetujui terbit (di aplikasi: saat Kepala OPD menyetujui)
    r = client.get("/opd/disnaker-denpasar/2022/")
    publik = "/publik/kota-denpasar/disnaker-denpasar/2022/"
    assert r.status_code == 302 and r["Location"] == publik
    assert client.get(publik).status_code == 200
    assert publik in client.get("/").content.decode()


@pytest.mark.django_db
def test_renstra_tree(admin_client, klungkung):
    html = admin_client.get("/opd/disnaker-klungkung/2024/renstra/").content.decode()
    assert (
        "<details" in html
        and "Sasaran S1" in html
        and "Program 2.07.04" in html
        and "Sub Kegiatan 2.07.04.2.01.02" in html
    )
    assert "PK Disnaker" in html or "PK Dinas Ketenagakerjaan Kabupaten Klungkung 2024" in html
    # tahun tanpa Renstra: bukan jalan buntu, tetapi arah menyusunnya
    kosong = admin_client.get("/opd/disnaker-klungkung/2030/renstra/").content.decode()
    assert "Renstra yang berlaku untuk tahun 2030 belum ada" in kosong
    assert "/opd/disnaker-klungkung/2030/renstra/susun/" in kosong
    assert "/opd/disnaker-klungkung/2030/rencana/" in kosong


@pytest.mark.django_db
def test_opd_page_xlsx_export_and_missing_panel(admin_client, denpasar):
    import io

    from openpyxl import load_workbook

    html = admin_client.get("/opd/disnaker-denpasar/2022/").content.decode()
    assert "Belum diisi untuk triwulan 4:" in html and "Tingkat Pengangguran Terbuka" in html
    resp = admin_client.get("/opd/disnaker-denpasar/2022/?unduh=xlsx")
    wb = load_workbook(io.BytesIO(resp.content))
    rows = list(wb["Pengukuran"].iter_rows(values_only=True))
    s21 = next(r for r in rows if r[0] == "S2-1")
    assert s21[6] == 176.98
    assert any(
        r[0] == "2.07.04.2.02" and r[5] == 66.88 for r in wb["Anggaran"].iter_rows(values_only=True)
    )


@pytest.mark.django_db
def test_health_check_needs_no_session_or_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        resp = client.get("/sehat/")
    assert resp.status_code == 200 and resp.content == b"ok"


@pytest.mark.django_db
def test_unexpected_error_is_an_indonesian_page_and_logged(client, denpasar, monkeypatch, caplog):
    """A bug in a view: the user gets the Indonesian 500 page (no traceback, DEBUG is off by
    default), the traceback goes to the log (django.request → $SAKIP_HOME/log/galat.log)."""
    from django.conf import settings

    import sakip.web.views as views

    def rusak(*a, **k):
        raise RuntimeError("galat uji halaman")

    monkeypatch.setattr(views, "pengukuran", rusak)
    client.raise_request_exception = False
    client.force_login(
        __import__("django.contrib.auth", fromlist=["x"])
        .get_user_model()
        .objects.create_superuser("su", password="x")
    )
    with caplog.at_level("ERROR", logger="django.request"):
        resp = client.get("/opd/disnaker-denpasar/2022/")
    html = resp.content.decode()
    assert resp.status_code == 500 and "Terjadi kesalahan di server" in html
    assert "Traceback" not in html and "RuntimeError" not in html
    rec = [r for r in caplog.records if r.name == "django.request"]
    assert rec and rec[0].exc_info and "galat uji halaman" in str(rec[0].exc_info[1])
    handlers = settings.LOGGING["loggers"]["django.request"]["handlers"]
    assert "berkas" in handlers
    assert settings.LOGGING["handlers"]["berkas"]["filename"].endswith("log/galat.log")


def test_favicon_request_is_an_icon_not_a_404_page_that_sets_a_csrf_cookie(client):
    """Every browser asks /favicon.ico beside the page; when that was a 404 page it set a new CSRF
    cookie, and one arriving while the sign-in form was open made the sign-in fail (CSRF)."""
    resp = client.get("/favicon.ico")
    assert resp.status_code == 301
    assert "csrftoken" not in resp.cookies
    ikon = client.get(resp["Location"])
    assert ikon.status_code == 200
    assert b"".join(ikon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # ICO header
    html = client.get("/masuk/").content.decode()
    assert 'rel="icon"' in html and "favicon.svg" in html


@pytest.mark.django_db
def test_a_form_whose_csrf_token_expired_gets_an_indonesian_page_with_a_way_back():
    from django.test import Client

    c = Client(enforce_csrf_checks=True)
    c.get("/masuk/")
    c.cookies["csrftoken"] = "x" * 32  # the browser's cookie changed since the form was drawn
    resp = c.post(
        "/masuk/",
        {"username": "a", "password": "b", "csrfmiddlewaretoken": "y" * 32},
        HTTP_REFERER="http://testserver/masuk/?next=/opd/",
    )
    html = resp.content.decode()
    assert resp.status_code == 403
    assert "Formulir tidak dapat dikirim" in html and "Isian Anda belum tersimpan" in html
    assert 'href="http://testserver/masuk/?next=/opd/"' in html
    assert "tidak mengirim kuki" not in html
    # no cookie at all, and a referer from another site: told to allow cookies, sent home
    c2 = Client(enforce_csrf_checks=True)
    resp = c2.post("/masuk/", {"username": "a"}, HTTP_REFERER="https://jahat.example/")
    html = resp.content.decode()
    assert resp.status_code == 403 and "tidak mengirim kuki" in html
    assert 'href="/"' in html and "jahat.example" not in html
