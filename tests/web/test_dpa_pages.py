"""Halaman Impor DPA: unggah → kolom terpetakan dan pratinjau → simpan satu versi pagu bertanggal."""

from django.core.files.uploadedfile import SimpleUploadedFile

from sakip.budget.models import PaguVersi
from sakip.organisations.models import Peran
from tests.budget.dpa_contoh import buku_dpa
from tests.conftest import pengguna

URL = "/opd/disnaker-klungkung/2024/anggaran/dpa/"


def _unggah(client, data=None, tanggal="2024-09-30"):
    berkas = SimpleUploadedFile("dppa-2024.xlsx", data or buku_dpa())
    return client.post(
        URL,
        {"aksi": "unggah", "berkas": berkas, "jenis": "perubahan", "tanggal": tanggal},
        follow=True,
    )


def test_upload_preview_confirm(client, klungkung):
    client.force_login(pengguna("op.k", Peran.OPERATOR_OPD, klungkung))
    html = _unggah(client).content.decode()
    assert "Berkas dppa-2024.xlsx: kolom dan pratinjau" in html
    assert '<option value="3" selected>Anggaran Setelah Perubahan</option>' in html
    assert "0 dari 23 baris berubah pagunya." in html  # sama dengan pagu seed
    assert "Simpan 23 baris pagu" in html
    r = client.post(
        URL,
        {
            "aksi": "konfirmasi",
            "kolom_kode": "0",
            "kolom_uraian": "1",
            "kolom_pagu": "2",
            "kolom_pagu_perubahan": "3",
            "kolom_realisasi": "4",
            "jenis": "perubahan",
            "tanggal": "2024-09-30",
        },
        follow=True,
    )
    html = r.content.decode()
    assert r.request["PATH_INFO"] == "/opd/disnaker-klungkung/2024/anggaran/"
    assert "DPPA (APBD perubahan) 2024 (30-09-2024): pagu 23 baris disimpan" in html
    assert PaguVersi.objects.get().baris.count() == 23
    html = client.get(URL).content.decode()
    assert "30 September 2024" in html and "Rp6.253.600.939" in html


def test_a_bad_file_or_date_is_named_and_nothing_waits(client, klungkung):
    client.force_login(pengguna("op.k", Peran.OPERATOR_OPD, klungkung))
    html = _unggah(client, b"%PDF-1.7 bukan tabel").content.decode()
    assert "bukan tabel CSV atau buku kerja Excel" in html and "kolom dan pratinjau" not in html
    html = _unggah(client, tanggal="2021-01-01").content.decode()
    assert "bukan untuk tahun anggaran 2024" in html
    assert not PaguVersi.objects.exists()


def test_the_head_of_the_opd_sees_but_does_not_upload(client, klungkung):
    client.force_login(pengguna("kepala.k", Peran.KEPALA_OPD, klungkung))
    assert "Unggah ekspor DPA" not in client.get(URL).content.decode()
    assert _unggah(client).status_code == 403
