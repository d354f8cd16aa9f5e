"""PK berjenjang: setiap jabatan di bawah kepala OPD menandatangani PK dengan atasannya."""

import pytest
from django.contrib.auth import get_user_model

from sakip.documents.services import buat_dokumen
from sakip.organisations.models import Jabatan, Keanggotaan, Peran
from sakip.planning import services
from sakip.planning.alur import ALUR_PK
from sakip.planning.models import PerjanjianKinerja
from sakip.workflow import services as alur


def _user(opd, peran, name):
    u = get_user_model().objects.create_user(name, password="x")
    Keanggotaan.objects.create(user=u, peran=peran, pemda=opd.pemda, opd=opd)
    return u


def test_pk_of_a_kepala_bidang_with_his_superior(rpjmd_denpasar):
    op = _user(rpjmd_denpasar, Peran.OPERATOR_OPD, "op")
    kabid = Jabatan.objects.get(opd=rpjmd_denpasar, kode="kabid-perluasan")
    pk = services.buat_pk_jabatan(op, kabid, 2022)
    assert (pk.jabatan, pk.versi, pk.pihak_kedua_jabatan) == (
        kabid,
        1,
        "Kepala Dinas Tenaga Kerja dan Sertifikasi Kompetensi Kota Denpasar",
    )
    assert pk.pihak_kedua_nama == "Ir. Nyoman Ngurah Jimmy Sidharta W, MT"
    names = [it.indikator.nama for it in pk.indikator.all()]
    # only what is his directly: his programme's kegiatan and sub kegiatan, not his subordinate's
    assert "Jumlah buku berita pasar kerja" in names
    assert "Leaflet informasi ketenagakerjaan" not in names
    # the head's PK is not disturbed
    assert not PerjanjianKinerja.objects.filter(opd=rpjmd_denpasar, jabatan__isnull=True).exists()
    with pytest.raises(services.PKError, match="sudah ada"):
        services.buat_pk_jabatan(op, kabid, 2022)
    # the shared PK flow: submitted by the operator, approved by the Kepala OPD
    kepala = _user(rpjmd_denpasar, Peran.KEPALA_OPD, "kepala")
    alur.jalankan(ALUR_PK, op, pk, "ajukan")
    pk = alur.jalankan(ALUR_PK, kepala, pk, "setujui")
    assert pk.status == "disetujui"
    # and its document
    html = buat_dokumen("pk", rpjmd_denpasar, 2022, "html", jabatan="kabid-perluasan").isi.decode()
    assert "Kepala Bidang Perluasan Kesempatan Kerja" in html
    assert "Program / Kegiatan / Sub Kegiatan" in html


def test_refusals_are_clear(rpjmd_denpasar):
    op = _user(rpjmd_denpasar, Peran.OPERATOR_OPD, "op")
    kadis = Jabatan.objects.get(opd=rpjmd_denpasar, kode="kadis")
    with pytest.raises(services.PKError, match="adalah kepala OPD"):
        services.buat_pk_jabatan(op, kadis, 2022)
    kasubag = Jabatan.objects.get(opd=rpjmd_denpasar, kode="kasubag-umum")
    with pytest.raises(services.PKError, match="Belum ada indikator bertarget 2022"):
        services.buat_pk_jabatan(op, kasubag, 2022)
    kabid = Jabatan.objects.get(opd=rpjmd_denpasar, kode="kabid-perluasan")
    pejabat = _user(rpjmd_denpasar, Peran.PEJABAT, "kabid")
    with pytest.raises(services.PKError, match="Hanya Operator OPD"):
        services.buat_pk_jabatan(pejabat, kabid, 2022)


@pytest.mark.django_db
def test_jabatan_page(client, rpjmd_denpasar):
    _user(rpjmd_denpasar, Peran.OPERATOR_OPD, "op")
    client.login(username="op", password="x")
    page = client.get("/opd/disnaker-denpasar/2022/jabatan/").content.decode()
    assert "Kepala Bidang Perluasan Kesempatan Kerja" in page and "Susun PK" in page
    r = client.post("/opd/disnaker-denpasar/2022/pk/buat/", {"jabatan": "kabid-perluasan"})
    assert r.status_code == 302 and r["Location"].endswith("/jabatan/")
    page = client.get("/opd/disnaker-denpasar/2022/jabatan/").content.decode()
    assert "PK Kepala Bidang Perluasan Kesempatan Kerja 2022" in page and "Ajukan PK" in page
    r = client.post(
        "/opd/disnaker-denpasar/2022/pk/ajukan/", {"jabatan": "kabid-perluasan", "versi": 1}
    )
    assert r.status_code == 302
    assert PerjanjianKinerja.objects.get(jabatan__kode="kabid-perluasan").status == "diajukan"


@pytest.mark.django_db
def test_rencana_aksi_of_a_position_pk(client, rpjmd_denpasar):
    _user(rpjmd_denpasar, Peran.OPERATOR_OPD, "op")
    client.login(username="op", password="x")
    client.post("/opd/disnaker-denpasar/2022/pk/buat/", {"jabatan": "kabid-perluasan"})
    pk = PerjanjianKinerja.objects.get(jabatan__kode="kabid-perluasan")
    it = pk.indikator.first()
    page = client.get("/opd/disnaker-denpasar/2022/jabatan/").content.decode()
    assert f'name="ra-{it.id}-1"' in page
    r = client.post(
        "/opd/disnaker-denpasar/2022/pk/rencana-aksi/",
        {"jabatan": "kabid-perluasan", "versi": 1, f"ra-{it.id}-1": "75", f"ra-{it.id}-4": "300"},
    )
    assert r.status_code == 302
    assert {r.triwulan: int(r.target) for r in it.rencana_aksi.all()} == {1: 75, 4: 300}


@pytest.mark.django_db
def test_a_pk_form_with_a_broken_versi_is_a_404_not_a_500(client, rpjmd_denpasar):
    _user(rpjmd_denpasar, Peran.OPERATOR_OPD, "op")
    client.login(username="op", password="x")
    for versi in ("x", "²", "9" * 30, ""):
        r = client.post("/opd/disnaker-denpasar/2022/pk/target/", {"versi": versi})
        assert r.status_code == 404, versi


def test_the_pk_of_an_eselon_iii_carries_the_budget_of_what_it_answers_for(rpjmd_denpasar):
    """Issue 32: a real PK of a Kepala Bidang lists its kegiatan/sub kegiatan with their budget; sakip
    takes each from the year's pagu (the programme when the whole programme is his), never typed."""
    from sakip.budget.services import rekap_anggaran

    op = _user(rpjmd_denpasar, Peran.OPERATOR_OPD, "op")
    kabid = Jabatan.objects.get(opd=rpjmd_denpasar, kode="kabid-perluasan")
    pk = services.buat_pk_jabatan(op, kabid, 2022)
    rekap = rekap_anggaran(rpjmd_denpasar, 2022)
    rows = list(pk.anggaran.select_related("program", "kegiatan", "sub_kegiatan"))
    assert rows, "the Kepala Bidang's PK has a budget"
    for a in rows:
        assert a.pagu == rekap.cari(a.unsur.kode).jumlah.pagu
        assert a.unsur.kode.startswith(a.program.kode)
    kode = [a.unsur.kode for a in rows]
    # nothing twice: no row whose parent is also a row of this PK
    assert not any(k.startswith(o + ".") for k in kode for o in kode if o != k)
    html = buat_dokumen("pk", rpjmd_denpasar, 2022, "html", jabatan="kabid-perluasan").isi.decode()
    assert "Program dan Anggaran dalam PK Murni 2022" in html
