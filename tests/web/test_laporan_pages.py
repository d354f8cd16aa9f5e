"""Printed-report pages through the test client: upload, read, correct a cell, review; every bad
input gets one Indonesian message naming the file or the cell, and nothing of that action is
written; the OPD's own data in sakip never changes."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sakip.interchange import yamlio
from sakip.organisations.models import Peran
from sakip.paths import SEEDS_DIR
from sakip.planning.models import Indikator
from sakip.review.models import LaporanTercetak, NilaiTercetak, TemuanReviu
from tests.conftest import pengguna

pytestmark = pytest.mark.django_db
TEKS = (SEEDS_DIR / "teks" / "klungkung-2024.txt").read_bytes()


@pytest.fixture
def insp(klungkung, client):
    pengguna("insp", Peran.INSPEKTORAT, klungkung)
    pengguna("op", Peran.OPERATOR_OPD, klungkung)
    client.force_login(User.objects.get(username="insp"))
    return client


def _url(nama, tahun=2024, **kw):
    return reverse(f"web:{nama}", kwargs={"slug": "disnaker-klungkung", "tahun": tahun, **kw})


def _unggah(client, data: bytes, nama: str, tahun: int = 2024):
    return client.post(
        _url("laporan_daftar", tahun), {"berkas": SimpleUploadedFile(nama, data)}, follow=True
    )


def _pesan(resp) -> list[str]:
    return [str(m) for m in resp.context["messages"]]


def test_bad_uploads_get_one_message_and_save_nothing(insp):
    resp = insp.post(_url("laporan_daftar"), {})
    assert resp.status_code == 400 and "Pilih berkas laporan" in resp.content.decode()
    resp = _unggah(insp, b"\x89PNG\r\n\x1a\n" + bytes(300), "laporan.pdf")
    assert resp.status_code == 400
    assert "berakhiran .pdf tetapi isinya bukan PDF" in resp.content.decode()
    resp = _unggah(insp, TEKS, "klungkung.txt", tahun=2023)
    assert "laporan tahun 2024, bukan 2023" in resp.content.decode()
    resp = _unggah(insp, b"Notulen rapat\nRapat dibuka.", "notulen.txt")
    assert "Tahun laporan tidak terbaca" in resp.content.decode()
    assert not LaporanTercetak.objects.exists()


def test_upload_read_correct_and_review_without_touching_the_opds_data(
    insp, klungkung, django_capture_on_commit_callbacks
):
    sebelum = (
        Indikator.objects.filter(opd=klungkung).count(),
        NilaiTercetak.objects.filter(opd=klungkung).count(),
    )
    resp = _unggah(insp, TEKS, "LKjIP Klungkung 2024.txt")
    assert resp.status_code == 200
    lap = LaporanTercetak.objects.get()
    assert lap.jenis == "teks" and lap.opd == klungkung
    assert any("terbaca:" in m for m in _pesan(resp))
    body = resp.content.decode()
    assert "Tabel 3.2 (baris 492)" in body and "Ikhtisar Eksekutif" in body
    draf = yamlio.load(lap.draf)
    # the draft belongs to the OPD of the page (no twin OPD is made)
    assert draf["opd"]["slug"] == "disnaker-klungkung"

    # a cell: the first IKU target printed in the measurement table (its title lost in the text)
    i, e = next(
        (i, e)
        for i, e in enumerate(draf["tercetak"])
        if e["objek"].startswith("indikator:S") and e["atribut"] == "target"
    )
    sel = _url("laporan_sel", pk=lap.pk, indeks=i)
    for teks, pesan in [
        ("tujuh puluh", "bukan angka"),
        ("", "tidak boleh kosong"),
        ("x" * 300, "paling panjang 255"),
    ]:
        resp = insp.post(sel, {"teks": teks}, follow=True)
        (m,) = _pesan(resp)
        assert pesan in m and e["lokasi"] in m, m
    resp = insp.post(_url("laporan_sel", pk=lap.pk, indeks=99999), {"teks": "1"}, follow=True)
    assert "Sel ke-100000 tidak ada" in _pesan(resp)[0]
    lap.refresh_from_db()
    assert lap.koreksi == [] and yamlio.load(lap.draf) == draf

    # a correction of a target also corrects the draft's target that the capaian is computed from
    resp = insp.post(sel, {"teks": "80", "bagian": "2"}, follow=True)
    assert "Sel dibetulkan" in _pesan(resp)[0]
    lap.refresh_from_db()
    baru = yamlio.load(lap.draf)
    assert baru["tercetak"][i]["teks"] == "80"
    kode = e["objek"].split(":", 1)[1]
    ind = next(
        x
        for tj in baru["renstra"]["tujuan"]
        for s in tj["sasaran"]
        for x in s["indikator"]
        if x["kode"] == kode
    )
    assert ind["target"][2024] == 80
    assert [(k["lama"], k["baru"], k["oleh"]) for k in lap.koreksi] == [(e["teks"], "80", "insp")]

    # the reviu: findings kept with the report as their source, the OPD's data untouched
    resp = insp.post(_url("laporan_reviu", pk=lap.pk), follow=True)
    assert any("selesai:" in m for m in _pesan(resp))
    dari_laporan = TemuanReviu.objects.filter(opd=klungkung, tahun=2024, sumber=lap.sumber)
    assert dari_laporan.filter(aturan="ANG-01", lokasi__startswith="Ikhtisar Eksekutif").exists()
    assert not dari_laporan.filter(aturan__startswith="SEL-").exists()
    assert "laporan tercetak LKjIP Klungkung 2024.txt" in resp.content.decode()
    assert (
        Indikator.objects.filter(opd=klungkung).count(),
        NilaiTercetak.objects.filter(opd=klungkung).count(),
    ) == sebelum
    assert not TemuanReviu.objects.filter(sumber="data").exists()
    # running it again keeps the findings (and their status), none duplicated
    n = dari_laporan.count()
    insp.post(_url("laporan_reviu", pk=lap.pk))
    assert dari_laporan.count() == n
    # a report uploaded by mistake is deleted with its findings and its file
    from django.core.files.storage import default_storage

    nama_berkas = lap.berkas.name
    assert default_storage.exists(nama_berkas)
    with django_capture_on_commit_callbacks(execute=True):  # the file goes after the commit
        resp = insp.post(_url("laporan_hapus", pk=lap.pk), follow=True)
    assert f"dihapus beserta {n} temuan" in _pesan(resp)[-1]
    assert not LaporanTercetak.objects.exists() and not dari_laporan.exists()
    assert not default_storage.exists(nama_berkas)


def test_pages_of_a_text_report_and_odd_parameters(insp):
    _unggah(insp, TEKS, "klungkung.txt")
    lap = LaporanTercetak.objects.get()
    assert insp.get(_url("laporan_tercetak", pk=lap.pk) + "?bagian=abc").status_code == 200
    assert insp.get(_url("laporan_tercetak", pk=lap.pk) + "?bagian=999").status_code == 200
    # no page image for a text report
    assert insp.get(_url("laporan_halaman", pk=lap.pk, nomor=1)).status_code == 404
    assert insp.get(_url("laporan_tercetak", pk=lap.pk + 1)).status_code == 404
    # the list shows it, with its corrections and reviu state
    body = insp.get(_url("laporan_daftar")).content.decode()
    assert "klungkung.txt" in body and "belum" in body


def test_page_images_of_a_pdf_report(insp, klungkung):
    from sakip.documents.services import buat_dokumen

    # the measurement report: a short PDF with the measurement table of an LKjIP
    pdf = buat_dokumen("pengukuran", klungkung, 2024, "pdf").isi
    resp = _unggah(insp, pdf, "pengukuran.pdf")
    lap = LaporanTercetak.objects.get()
    assert lap.jenis == "pdf" and lap.halaman >= 2
    assert 'class="halaman-laporan"' in resp.content.decode()
    png = insp.get(_url("laporan_halaman", pk=lap.pk, nomor=1))
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert insp.get(_url("laporan_halaman", pk=lap.pk, nomor=999)).status_code == 404
    # the page of the chosen table is shown; a page number outside the report is clamped
    body = insp.get(_url("laporan_tercetak", pk=lap.pk) + "?halaman=999").content.decode()
    assert f"Halaman {lap.halaman} dari {lap.halaman}" in body


def test_only_the_inspektorat_uploads_corrects_and_reviews(klungkung, client):
    pengguna("op", Peran.OPERATOR_OPD, klungkung)
    client.force_login(User.objects.get(username="op"))
    assert client.get(_url("laporan_daftar")).status_code == 200
    resp = client.post(_url("laporan_daftar"), {"berkas": SimpleUploadedFile("k.txt", TEKS)})
    assert resp.status_code == 403
    assert not LaporanTercetak.objects.exists()
    from sakip.interchange.baca.layanan import unggah_laporan

    lap = unggah_laporan(klungkung, 2024, "k.txt", TEKS)
    for nama in ("laporan_hapus", "laporan_reviu"):
        assert client.post(_url(nama, pk=lap.pk)).status_code == 403
    assert client.post(_url("laporan_sel", pk=lap.pk, indeks=0), {"teks": "1"}).status_code == 403
    assert LaporanTercetak.objects.filter(pk=lap.pk, koreksi=[]).exists()
    client.logout()
    resp = client.get(_url("laporan_daftar"))
    assert resp.status_code == 302 and "/masuk/" in resp["Location"]


@pytest.mark.django_db(transaction=True)
def test_reading_a_report_holds_no_transaction_so_other_saves_do_not_wait(
    klungkung, client, monkeypatch
):
    """Issue 27.3: pembacaan (puluhan detik untuk PDF tebal) di luar transaksi; di SQLite transaksi
    tulis (BEGIN IMMEDIATE) yang terbuka selama itu membuat setiap penyimpanan lain menunggu lalu
    gagal. Selagi membaca, penulis lain di sambungan lain langsung berhasil."""
    import threading

    from django.db import connection, connections

    from sakip.interchange.baca import layanan

    asli = layanan.baca_laporan
    dilihat = {}

    def baca(isi, nama):
        dilihat["transaksi"] = connection.in_atomic_block

        def tulis_lain():
            try:
                Indikator.objects.filter(pk=-1).update(nama="x")  # tulis, sambungan lain
                with connections["default"].cursor() as c:
                    c.execute("SELECT 1")
                dilihat["lain"] = "ok"
            except Exception as exc:  # noqa: BLE001
                dilihat["lain"] = repr(exc)
            finally:
                connections.close_all()

        t = threading.Thread(target=tulis_lain)
        t.start()
        t.join(10)
        return asli(isi, nama)

    monkeypatch.setattr(layanan, "baca_laporan", baca)
    pengguna("insp", Peran.INSPEKTORAT, klungkung)
    client.force_login(User.objects.get(username="insp"))
    resp = _unggah(client, TEKS, "klungkung-2024.txt")
    assert resp.status_code == 200 and LaporanTercetak.objects.count() == 1
    assert dilihat == {"transaksi": False, "lain": "ok"}
