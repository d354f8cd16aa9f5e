"""PDF laporan tercetak yang diunggah saat pekerja tugas berjalan dibaca di latar: halaman unggah
membawa ke halaman progres, pekerja membacanya, halaman tugas menautkan laporan yang terbaca —
hasilnya sama dengan pembacaan langsung. Tanpa pekerja: dibaca langsung seperti sebelumnya."""

import pytest
from django.utils import timezone
from weasyprint import HTML

from sakip.documents.services import buat_dokumen
from sakip.organisations.models import Peran
from sakip.review.models import LaporanTercetak
from sakip.tugas.models import PekerjaTugas, Tugas
from sakip.tugas.services import berkas_sementara
from tests.conftest import pengguna
from tests.tugas.test_dokumen import kerjakan_antrean

pytestmark = pytest.mark.django_db
URL = "/opd/disnaker-klungkung/2024/reviu/laporan/"


@pytest.fixture
def pdf(klungkung):
    return HTML(string=buat_dokumen("lkjip", klungkung, 2024, "html").isi.decode()).write_pdf()


def _unggah(client, pdf, nama="lkjip-klungkung.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(URL, {"berkas": SimpleUploadedFile(nama, pdf, "application/pdf")})


def test_a_pdf_is_read_in_the_background_with_a_progress_page(client, klungkung, pdf):
    client.force_login(pengguna("insp", Peran.INSPEKTORAT, klungkung))
    PekerjaTugas.objects.create(id_pekerja="w", host="h", pid=1, detak_pada=timezone.now())
    resp = _unggah(client, pdf)
    t = Tugas.objects.get(jenis=Tugas.Jenis.BACA_LAPORAN)
    assert resp.status_code == 302 and resp["Location"] == f"/tugas/{t.pk}/"
    assert not LaporanTercetak.objects.exists()  # belum dibaca: hanya diantrekan
    halaman = client.get(resp["Location"]).content.decode()
    assert "Membaca lkjip-klungkung.pdf" in halaman and "<progress" in halaman
    assert kerjakan_antrean() == 1
    t.refresh_from_db()
    assert t.status == Tugas.Status.SELESAI, t.pesan
    lap = LaporanTercetak.objects.get()
    assert t.hasil["laporan"] == lap.pk and t.hasil["angka"] > 100
    assert not berkas_sementara(t.parameter["berkas"]).exists()  # berkas sementara dibersihkan
    halaman = client.get(f"/tugas/{t.pk}/").content.decode()
    assert f'href="{URL}{lap.pk}/"' in halaman and "Buka laporan yang terbaca" in halaman
    # hasilnya sama dengan pembacaan langsung (tanpa pekerja)
    PekerjaTugas.objects.all().delete()
    langsung = _unggah(client, pdf, "lkjip-klungkung-2.pdf")
    lap2 = LaporanTercetak.objects.exclude(pk=lap.pk).get()
    assert langsung["Location"] == f"{URL}{lap2.pk}/"
    assert lap2.draf == lap.draf.replace("lkjip-klungkung.pdf", "lkjip-klungkung-2.pdf")


def test_a_bad_pdf_fails_the_job_with_the_readers_sentence(client, klungkung, pdf):
    client.force_login(pengguna("insp", Peran.INSPEKTORAT, klungkung))
    PekerjaTugas.objects.create(id_pekerja="w", host="h", pid=1, detak_pada=timezone.now())
    _unggah(client, pdf[:3000], "terpotong.pdf")
    kerjakan_antrean()
    t = Tugas.objects.get(jenis=Tugas.Jenis.BACA_LAPORAN)
    assert t.status == Tugas.Status.GAGAL and "rusak" in t.pesan
    assert "Gagal:" in client.get(f"/tugas/{t.pk}/").content.decode()
    assert not LaporanTercetak.objects.exists()
