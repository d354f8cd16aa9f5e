"""Penetapan Renstra di halaman Susun Renstra: ajukan, setujui, terkunci, Renstra Perubahan, versi."""

from sakip.organisations.models import Peran
from sakip.planning.models import RenstraVersi
from tests.conftest import pengguna

SUSUN = "/opd/disnaker-klungkung/2024/renstra/susun/"


def test_approve_lock_and_open_a_perubahan(client, klungkung):
    op = pengguna("op.k", Peran.OPERATOR_OPD, klungkung)
    kepala = pengguna("kepala.k", Peran.KEPALA_OPD, klungkung)
    client.force_login(op)
    html = client.get(SUSUN).content.decode()
    assert "Status Renstra:</b> Draf" in html and "Ajukan Renstra" in html
    assert "+ Tambah tujuan" in html
    assert client.post(SUSUN + "alur/setujui/").status_code == 403  # bukan perannya
    client.post(SUSUN + "alur/ajukan/")
    client.force_login(kepala)
    r = client.post(SUSUN + "alur/setujui/", follow=True)
    assert "disetujui dan terkunci; perubahannya lewat Renstra Perubahan" in r.content.decode()
    client.force_login(op)
    html = client.get(SUSUN).content.decode()
    assert "sudah disetujui dan terkunci" in html and "+ Tambah tujuan" not in html
    assert "+ Tambah program" in html  # program tetap disusun
    r = client.post(SUSUN + "tujuan/", {"kode": "T9", "uraian": "x"}, follow=True)
    assert "sudah disetujui dan terkunci" in r.content.decode()
    html = client.get("/opd/disnaker-klungkung/2024/renstra/versi/0/").content.decode()
    assert "Penetapan awal, disetujui" in html and "79,01" in html and "78,99" in html
    r = client.post(SUSUN + "perubahan/", {"alasan": "Perubahan RPD"}, follow=True)
    html = r.content.decode()
    assert "Renstra Perubahan ke-1 dibuka" in html and "+ Tambah tujuan" in html
    assert "Renstra Perubahan ke-1: Perubahan RPD" in html
    assert RenstraVersi.objects.count() == 1
    assert client.get("/opd/disnaker-klungkung/2024/renstra/versi/1/").status_code == 404
