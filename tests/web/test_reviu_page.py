import pytest

from sakip.review.models import TemuanReviu
from sakip.review.services import lkjip_dapat_disetujui, perbarui_temuan
from tests.demo_cepat import muat_demo


@pytest.fixture
def demo(db):
    muat_demo()


def _login(client, username):
    pw = "sakip-demo-2024" if "klungkung" in username else "sakip-demo-2022"
    assert client.login(username=username, password=pw)


URL = "/opd/disnaker-klungkung/2024/reviu/"


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client, demo):
    resp = client.get(URL)
    assert resp.status_code == 302 and resp["Location"].startswith("/masuk/")


@pytest.mark.django_db
def test_inspektorat_runs_reviu_and_manages_status(client, demo):
    _login(client, "inspektorat.klungkung")
    resp = client.post(URL + "jalankan/", follow=True)
    html = resp.content.decode()
    assert "Reviu selesai" in html and "187,90" in html and "101,11%" in html
    from sakip.organisations.models import PerangkatDaerah

    opd = PerangkatDaerah.objects.get(slug="disnaker-klungkung")
    ok, alasan = lkjip_dapat_disetujui(opd, 2024)
    assert not ok and "temuan reviu kritis" in alasan
    kritis = TemuanReviu.objects.filter(opd=opd, tingkat="kritis")
    t = kritis.first()
    # accepting without a reason is refused, with a message
    resp = client.post(f"{URL}temuan/{t.pk}/", {"status": "diterima", "tanggapan": ""}, follow=True)
    assert "hanya dapat diterima dengan tanggapan" in resp.content.decode()
    t.refresh_from_db()
    assert t.status == "terbuka"
    for t in kritis:
        client.post(
            f"{URL}temuan/{t.pk}/", {"status": "ditindaklanjuti", "tanggapan": "Tabel diperbaiki"}
        )
    assert lkjip_dapat_disetujui(opd, 2024) == (True, "")
    # rerunning keeps status and answers
    perbarui_temuan(opd, 2024)
    assert not TemuanReviu.objects.filter(opd=opd, tingkat="kritis", status="terbuka").exists()
    assert TemuanReviu.objects.filter(tanggapan="Tabel diperbaiki").count() == kritis.count()


@pytest.mark.django_db
def test_operator_reads_but_cannot_change(client, demo):
    from sakip.organisations.models import PerangkatDaerah

    perbarui_temuan(PerangkatDaerah.objects.get(slug="disnaker-klungkung"), 2024)
    _login(client, "operator.klungkung")
    assert client.get(URL).status_code == 200
    assert client.post(URL + "jalankan/").status_code == 403
    t = TemuanReviu.objects.first()
    assert (
        client.post(f"{URL}temuan/{t.pk}/", {"status": "diterima", "tanggapan": "x"}).status_code
        == 403
    )
    t.refresh_from_db()
    assert t.status == "terbuka"


@pytest.mark.django_db
def test_other_pemda_is_refused(client, demo):
    _login(client, "inspektorat.denpasar")
    assert client.get(URL).status_code == 403
    assert client.post(URL + "jalankan/").status_code == 403
    _login(client, "operator.disnaker")
    assert client.get(URL).status_code == 403
    assert client.get("/opd/disnaker-denpasar/2022/reviu/").status_code == 200


@pytest.mark.django_db
def test_document_downloads_follow_permissions(client, demo):
    assert (
        client.get("/opd/disnaker-klungkung/2024/dokumen/lkjip.pdf").status_code == 302
    )  # login first
    _login(client, "operator.klungkung")
    resp = client.get("/opd/disnaker-klungkung/2024/dokumen/lkjip.docx")
    assert resp.status_code == 200 and resp["Content-Disposition"].startswith("attachment")
    assert (
        client.get("/opd/disnaker-klungkung/2024/dokumen/pk.pdf")["Content-Type"]
        == "application/pdf"
    )
    assert client.get("/opd/disnaker-denpasar/2022/dokumen/lkjip.pdf").status_code == 403
    assert client.get("/opd/disnaker-klungkung/2024/dokumen/lkjip.exe").status_code == 404
    assert client.get("/opd/disnaker-klungkung/2019/dokumen/lkjip.html").status_code == 404


@pytest.mark.django_db
def test_narasi_page(client, demo):
    from sakip.reporting.models import Narasi

    url = "/opd/disnaker-denpasar/2022/narasi/"
    client.login(username="kepala.disnaker", password="sakip-demo-2022")
    assert client.get(url).status_code == 200
    assert (
        client.post(url, {"kesimpulan": "x"}).status_code == 403
    )  # Kepala approves, Operator writes
    client.login(username="operator.disnaker", password="sakip-demo-2022")
    resp = client.post(
        url, {"kesimpulan": "Ditulis operator.", "analisis:S1": "Analisis sasaran 1."}, follow=True
    )
    assert "Narasi disimpan" in resp.content.decode()
    assert Narasi.objects.get(kunci="kesimpulan").teks == "Ditulis operator."
    resp = client.post(url, {"kesimpulan": "a" * 20001}, follow=True)
    assert "paling banyak 20.000 karakter" in resp.content.decode()
    assert (
        Narasi.objects.get(kunci="kesimpulan").teks == "Ditulis operator."
    )  # nothing half-written
    client.post(url, {"kesimpulan": ""})
    assert not Narasi.objects.filter(kunci="kesimpulan").exists()
    client.login(username="operator.klungkung", password="sakip-demo-2024")
    assert client.get(url).status_code == 403


def _angka_kartu(html: str) -> dict[str, int]:
    import re

    return {
        k.lower(): int(v)
        for k, v in re.findall(r"<div>(Kritis|Peringatan|Info) terbuka<b>(\d+)</b>", html)
    }


@pytest.mark.django_db
def test_counts_agree_bulk_actions_severity_filter_and_grouping(client, demo):
    """Issue 31: one count of open findings on the cards, in the approval gate and on the home
    page; accept / mark handled for a selection in one action; filter by severity; group by table."""
    from sakip.organisations.models import PerangkatDaerah
    from sakip.review.services import q_terbuka

    opd = PerangkatDaerah.objects.get(slug="disnaker-klungkung")
    perbarui_temuan(opd, 2024)
    _login(client, "inspektorat.klungkung")
    kartu = _angka_kartu(client.get(URL).content.decode())
    kritis = q_terbuka(opd=opd, tahun=2024, tingkat="kritis").count()
    assert kartu["kritis"] == kritis > 0
    assert f"masih ada {kritis} temuan reviu kritis" in lkjip_dapat_disetujui(opd, 2024)[1]
    semua = q_terbuka(opd=opd, tahun=2024).count()
    assert sum(kartu.values()) == semua
    assert f"{semua} temuan terbuka" in client.get("/").content.decode()

    html = client.get(URL + "?tingkat=peringatan").content.decode()
    assert 'class="tingkat peringatan"' in html and 'class="tingkat kritis"' not in html
    html = client.get(URL + "?kelompok=tabel").content.decode()
    assert html.count('<tr class="kelompok">') >= 2

    ids = list(q_terbuka(opd=opd, tahun=2024, tingkat="kritis").values_list("pk", flat=True)[:3])
    # accepting without a reason: refused for all, nothing changed (one transaction)
    r = client.post(
        URL + "temuan/", {"temuan": ids, "status": "diterima", "tanggapan": ""}, follow=True
    )
    assert "Tidak ada yang diubah" in r.content.decode()
    assert q_terbuka(pk__in=ids).count() == 3
    r = client.post(
        URL + "temuan/",
        {
            "temuan": ids,
            "status": "diterima",
            "tanggapan": "Konvensi Pemda",
            "kembali": "?tingkat=kritis",
        },
    )
    assert r.status_code == 302 and r["Location"].endswith("?tingkat=kritis")
    assert not q_terbuka(pk__in=ids).exists()
    assert set(TemuanReviu.objects.filter(pk__in=ids).values_list("tanggapan", flat=True)) == {
        "Konvensi Pemda"
    }
    assert _angka_kartu(client.get(URL).content.decode())["kritis"] == kritis - 3
    # the Operator cannot
    client.logout()
    _login(client, "operator.klungkung")
    r = client.post(URL + "temuan/", {"temuan": ids, "status": "terbuka"})
    assert r.status_code == 403


@pytest.mark.django_db
def test_the_inspektorat_signs_the_reviu_statement_and_the_lkjip_carries_it(client, demo):
    """Issue 31: the LKjIP's Pernyataan Telah Direviu names the Inspektur and the date, not
    "secara otomatis oleh sakip"; it can be signed only after the reviu and with no open critical
    finding on the OPD's data."""
    from sakip.documents.services import buat_dokumen
    from sakip.organisations.models import PerangkatDaerah
    from sakip.review.models import PernyataanReviu
    from sakip.review.services import kritis_terbuka

    opd = PerangkatDaerah.objects.get(slug="disnaker-klungkung")
    _login(client, "inspektorat.klungkung")
    isian = {
        "nama": "Drs. I Made Contoh, M.Si",
        "jabatan": "Inspektur Kabupaten Klungkung",
        "pangkat": "Pembina Utama Muda (IV/c)",
        "nip": "196801011990031001",
        "nomor": "700/12/Insp/2025",
        "tanggal": "2025-02-20",
    }
    from sakip.review.models import JalannyaReviu

    JalannyaReviu.objects.filter(opd=opd).delete()
    r = client.post(URL + "pernyataan/", isian, follow=True)
    assert "Jalankan reviu lebih dahulu" in r.content.decode()
    perbarui_temuan(opd, 2024)
    r = client.post(URL + "pernyataan/", isian, follow=True)
    assert "temuan kritis terbuka atas data OPD" in r.content.decode()
    kritis_terbuka(opd, 2024).update(status="ditindaklanjuti", tanggapan="diperbaiki")
    r = client.post(
        URL + "pernyataan/", isian | {"nip": "1968", "tanggal": "2024-06-01"}, follow=True
    )
    html = r.content.decode()
    assert "NIP terdiri dari 18 angka" in html and "sesudah tahun 2024 berakhir" in html
    assert 'value="Drs. I Made Contoh, M.Si"' in html  # what was typed comes back
    assert not PernyataanReviu.objects.exists()
    r = client.post(URL + "pernyataan/", isian, follow=True)
    assert "ditandatangani Drs. I Made Contoh, M.Si (20/02/2025)" in r.content.decode()
    html = buat_dokumen("lkjip", opd, 2024, "html").isi.decode()
    assert "Pernyataan Telah Direviu" in html and "secara otomatis oleh sakip" not in html
    assert "Drs. I Made Contoh, M.Si" in html and "196801011990031001" in html
    assert "Semarapura, 20 Februari 2025" in html and "700/12/Insp/2025" in html
    # the Operator cannot sign
    client.logout()
    _login(client, "operator.klungkung")
    assert client.post(URL + "pernyataan/", isian).status_code == 403
