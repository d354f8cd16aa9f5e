"""Portal publik: yang terbit dapat dibaca dan diunduh tanpa akun; yang tidak terbit 404; tidak
ada butir kerja internal; data terbuka CSV/JSON."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.test import Client

from sakip.organisations.models import PerangkatDaerah
from sakip.planning.models import Indikator
from sakip.publikasi.models import Terbitan
from tests.demo_cepat import muat_demo
from tests.publikasi.test_terbitan import setujui_lkjip, setujui_pk

pytestmark = pytest.mark.django_db

P = "/publik/kabupaten-klungkung"
OPD = f"{P}/disnaker-klungkung/2024/"


@pytest.fixture
def terbit(monkeypatch, django_capture_on_commit_callbacks):
    """Demo + LKjIP dan PK Klungkung 2024 disetujui lewat alurnya (berkas PDF dibuat)."""
    muat_demo()
    opd = PerangkatDaerah.objects.get(slug="disnaker-klungkung")
    with django_capture_on_commit_callbacks(execute=True):
        setujui_pk(opd, 2024, "operator.klungkung", "kepala.klungkung")
        setujui_lkjip(monkeypatch, opd, 2024, "operator.klungkung", "kepala.klungkung")
    return opd


def _tautan(html: str) -> list[str]:
    return [h for h in re.findall(r'href="([^"#]+)"', html) if h.startswith("/")]


def test_anonymous_downloads_an_approved_lkjip_and_gets_404_for_an_unapproved_one(client, terbit):
    halaman = client.get(OPD)
    assert halaman.status_code == 200
    html = halaman.content.decode()
    pdf = next(h for h in _tautan(html) if "/berkas/" in h and "lkjip-" in h)
    r = client.get(pdf)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert b"".join(r.streaming_content).startswith(b"%PDF-")
    # Denpasar 2022: evaluasi final terbit, LKjIP belum disetujui → tidak ada tautan LKjIP
    dps = client.get("/publik/kota-denpasar/disnaker-denpasar/2022/").content.decode()
    assert "LKjIP tahun 2022 belum terbit" in dps
    assert not [h for h in _tautan(dps) if "lkjip-" in h]
    # menebak alamat: terbitan lain, Pemda lain, nama berkas lain, yang belum terbit
    t = Terbitan.objects.get(opd=terbit, jenis="lkjip")
    assert client.get(f"/publik/kota-denpasar/berkas/{t.pk}/{t.nama_berkas}").status_code == 404
    assert client.get(f"{P}/berkas/{t.pk}/lkjip-disnaker-denpasar-2022.pdf").status_code == 404
    assert client.get(f"{P}/berkas/99999/{t.nama_berkas}").status_code == 404
    assert client.get("/publik/kabupaten-contoh/disnaker-contoh/2025/").status_code == 404
    assert client.get("/publik/kabupaten-contoh/2025/").status_code == 404
    # halaman dan unduhan kerja tetap tertutup bagi publik
    assert client.get("/opd/disnaker-contoh/2025/").status_code == 404
    assert client.get("/opd/disnaker-klungkung/2024/dokumen/lkjip.pdf").status_code == 302
    r = client.get("/opd/disnaker-klungkung/2024/")
    assert r.status_code == 302 and r["Location"] == OPD


def test_the_public_page_shows_only_published_figures_and_no_internal_item(client, terbit):
    html = client.get(OPD).content.decode()
    # angka yang terbit, dengan cara cetak Indonesia
    assert "79,88" in html and "101,11%" in html and "6.253.600.939" in html
    for internal in (
        "disetujui oleh",
        "kepala.klungkung",
        "operator.klungkung",
        "Belum diisi",
        "Peringatan dini",
        "Ajukan",
        "Setujui",
        "masuk untuk",
        "Sesuai jalur",
    ):
        assert internal not in html, internal
    # setiap tautan di halaman publik terbuka tanpa akun (tidak ada yang ke halaman masuk)
    for url in set(_tautan(html)) | set(_tautan(client.get(P + "/").content.decode())):
        if url.startswith("/static/"):
            continue
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code, r.get("Location"))


def test_a_correction_after_publication_does_not_reach_the_public(client, terbit):
    from sakip.measurement.models import Realisasi

    for r in Realisasi.objects.filter(indikator__opd=terbit, indikator__kode="S1-1", tahun=2024):
        r.nilai = Decimal("70")
        r.save()
    html = client.get(OPD).content.decode()
    assert "79,88" in html and "101,11%" in html and "88,61%" not in html
    data = client.get(f"{P}/data/iku.json?tahun=2024").json()["data"]
    tpak = next(b for b in data if b["kode"] == "S1-1")
    assert (tpak["realisasi"], tpak["capaian_persen"]) == (79.88, 101.11)


def test_open_data_csv_and_json_of_iku_capaian_and_evaluations(client, terbit):
    r = client.get(f"{P}/data/iku.csv")
    assert r["Content-Type"].startswith("text/csv")
    baris = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert {b["kode"] for b in baris} == {"S1-1", "S2-1"}  # hanya IKU
    tpak = next(b for b in baris if b["kode"] == "S1-1")
    assert (tpak["target"], tpak["realisasi"], tpak["capaian_persen"]) == ("79", "79.88", "101.11")
    assert tpak["perangkat_daerah"] == "Dinas Ketenagakerjaan Kabupaten Klungkung"
    ev = client.get("/publik/kota-denpasar/data/evaluasi.json").json()
    assert [(d["tahun"], d["predikat"]) for d in ev["data"]] == [(2022, ev["data"][0]["predikat"])]
    assert isinstance(ev["data"][0]["nilai"], float)
    assert client.get(f"{P}/data/iku.csv?tahun=2023").content.decode("utf-8-sig").count("\n") == 1
    assert client.get(f"{P}/data/iku.csv?tahun=20x4").status_code == 404
    assert client.get(f"{P}/data/rahasia.csv").status_code == 404
    assert client.get(f"{P}/data/iku.xlsx").status_code == 404


def test_user_text_in_open_data_never_becomes_a_formula(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    muat_demo()
    opd = PerangkatDaerah.objects.get(slug="disnaker-klungkung")
    ind = Indikator.objects.get(opd=opd, kode="S1-1")
    ind.nama = '=HYPERLINK("http://x","klik")'
    ind.save()
    with django_capture_on_commit_callbacks(execute=False):
        setujui_lkjip(monkeypatch, opd, 2024, "operator.klungkung", "kepala.klungkung")
    teks = client.get(f"{P}/data/iku.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in teks and "\n=HYPERLINK" not in teks and ",=HYPERLINK" not in teks
    assert ",-" not in teks.replace(",-,", "")  # angka negatif tetap angka, bukan teks


def test_admin_pemda_publishes_the_pemda_lkjip_and_republishing_keeps_the_old_one(
    client, django_capture_on_commit_callbacks
):
    muat_demo()
    url = "/pemda/kabupaten-contoh/2025/terbitkan/"
    assert client.post(url).status_code == 302  # publik → masuk
    op = Client()
    op.login(username="kabid.contoh", password="sakip-demo-2025")
    assert op.post(url).status_code == 403
    admin = Client()
    admin.login(username="admin.contoh", password="sakip-demo-2025")
    with django_capture_on_commit_callbacks(execute=True):
        r = admin.post(url, follow=True)
    assert "terbit di portal publik" in r.content.decode()
    admin.post(url)
    t = Terbitan.objects.filter(pemda__slug="kabupaten-contoh", jenis="lkjip-pemda").order_by(
        "versi"
    )
    assert [x.versi for x in t] == [1, 2] and t[0].berkas
    html = client.get("/publik/kabupaten-contoh/2025/").content.decode()
    assert "LKjIP Pemda Kabupaten Contoh Tahun 2025 (terbitan ke-2)" in html
    assert t[0].data["indikator"] and all("capaian" in b for b in t[0].data["indikator"])
    # tanpa RPJMD yang mencakup tahunnya: ditolak dengan alasannya
    r = admin.post("/pemda/kabupaten-contoh/2040/terbitkan/", follow=True)
    assert "belum punya RPJMD yang mencakup tahun 2040" in r.content.decode()


def test_the_evaluation_page_sends_the_public_to_the_portal(client):
    muat_demo()
    r = client.get("/opd/disnaker-denpasar/2022/evaluasi/")
    assert r.status_code == 302 and r["Location"] == "/publik/kota-denpasar/disnaker-denpasar/2022/"
    html = client.get(r["Location"]).content.decode()
    assert 'id="nilai-akhir"' in html
    assert client.get("/opd/disnaker-contoh/2025/evaluasi/").status_code == 404
