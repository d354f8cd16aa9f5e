"""API pagu dari ekspor DPA: layanan dan aturan yang sama dengan halaman Impor DPA."""

from sakip.budget.models import PaguVersi
from sakip.organisations.models import Peran, TokenApi
from tests.budget.dpa_contoh import buku_dpa
from tests.conftest import pengguna

URL = "/api/opd/disnaker-klungkung/2024/dpa"


def _h(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {TokenApi.buat(user, 'uji')[1]}"}


def test_preview_then_apply_a_dppa(client, klungkung):
    from django.core.files.uploadedfile import SimpleUploadedFile

    h = _h(pengguna("op.k", Peran.OPERATOR_OPD, klungkung))

    def kirim(**q):
        berkas = SimpleUploadedFile("dppa.xlsx", buku_dpa())
        qs = "&".join(
            f"{k}={v}" for k, v in {"jenis": "perubahan", "tanggal": "2024-09-30", **q}.items()
        )
        return client.post(f"{URL}?{qs}", {"berkas": berkas}, **h)

    r = kirim()
    assert r.status_code == 200, r.json()
    body = r.json()
    assert not body["diterapkan"] and len(body["perubahan"]) == 23
    assert body["kolom"]["pagu_perubahan"] == "Anggaran Setelah Perubahan"
    assert body["perubahan"][0] == {
        "baris": 8,
        "kode": "2.07.01.2.01.01",
        "nama": "Penyusunan Dokumen Perencanaan Perangkat Daerah",
        "pagu_lama": "3295050.00",
        "pagu": "3295050.00",
        "realisasi": "2734000.00",
    }
    assert not PaguVersi.objects.exists()
    assert kirim(terapkan="true").json()["diterapkan"] is True
    assert PaguVersi.objects.get().tanggal.isoformat() == "2024-09-30"
    r = kirim(tanggal="2020-01-01")
    assert (
        r.status_code == 400 and "bukan untuk tahun anggaran 2024" in r.json()["galat"]["berkas[0]"]
    )
    assert kirim(kolom_pagu=9).json()["galat"]["berkas[0]"].startswith("kolom_pagu 9 tidak ada")
    kepala = _h(pengguna("kepala.k", Peran.KEPALA_OPD, klungkung))
    berkas = SimpleUploadedFile("dppa.xlsx", buku_dpa())
    r = client.post(f"{URL}?jenis=murni&tanggal=2024-01-02", {"berkas": berkas}, **kepala)
    assert r.status_code == 403
