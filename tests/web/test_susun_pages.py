"""Halaman Susun Renstra: OPD baru dari nol sampai pohon Renstra, satu formulir per aksi."""

import pytest

from sakip.organisations.models import Pemda, Peran, PerangkatDaerah
from sakip.planning.models import Indikator, Renstra, Sasaran
from tests.conftest import pengguna

URL = "/opd/disnaker-uji/2024/renstra/"
AKSI = URL + "susun/"


@pytest.fixture
def opd(db):
    pemda = Pemda.objects.create(slug="kabupaten-uji", nama="Kabupaten Uji", jenis="kabupaten")
    return PerangkatDaerah.objects.create(pemda=pemda, slug="disnaker-uji", nama="Disnaker Uji")


@pytest.fixture
def operator(client, opd):
    client.force_login(pengguna("op.uji", Peran.OPERATOR_OPD, opd))
    return client


def test_from_an_empty_renstra_page_to_a_tree(operator, opd):
    html = operator.get(URL).content.decode()
    assert "Renstra yang berlaku untuk tahun 2024 belum ada" in html and AKSI in html
    assert "Buat Renstra" in operator.get(AKSI).content.decode()
    r = operator.post(
        AKSI + "renstra/",
        {"tahun_awal": "2024", "tahun_akhir": "2026", "visi": "SDM berdaya saing", "misi": "A\nB"},
        follow=True,
    )
    assert "Renstra Disnaker Uji 2024–2026 dibuat" in r.content.decode()
    operator.post(AKSI + "tujuan/", {"kode": "T1", "uraian": "Meningkatnya daya saing"})
    tujuan = Renstra.objects.get(opd=opd).tujuan.get()
    operator.post(
        AKSI + "sasaran/",
        {"tujuan": tujuan.pk, "kode": "S1", "uraian": "Terserapnya angkatan kerja"},
    )
    s = Sasaran.objects.get(kode="S1")
    r = operator.post(
        AKSI + "indikator/",
        {
            "tingkat": "sasaran",
            "pemilik": s.pk,
            "nama": "Tingkat Partisipasi Angkatan Kerja",
            "satuan": "%",
            "iku": "on",
            "polaritas": "naik",
            "agregasi": "terakhir",
            "kondisi_awal_tahun": "2023",
            "kondisi_awal": "78,99",
            "target_2024": "79",
            "target_2025": "79,01",
        },
        follow=True,
    )
    html = r.content.decode()
    assert "Indikator “Tingkat Partisipasi Angkatan Kerja” ditambahkan" in html
    ind = Indikator.objects.get()
    assert ind.kode == "S1-1" and str(ind.kondisi_awal) == "78.9900" and ind.iku
    assert "79,01" in html  # tabel target dicetak cara Indonesia
    # formulir ubah dimuat saat dibuka (HTMX)
    frag = operator.get(AKSI + f"formulir/?pk={ind.pk}").content.decode()
    assert 'name="target_2025"' in frag and 'value="79,01"' in frag


def test_a_refused_form_shows_what_was_typed_with_the_field_marked(operator, opd):
    operator.post(AKSI + "renstra/", {"tahun_awal": "2024", "tahun_akhir": "2026"})
    operator.post(AKSI + "tujuan/", {"kode": "T1", "uraian": "x"})
    t = Renstra.objects.get(opd=opd).tujuan.get()
    r = operator.post(
        AKSI + "indikator/",
        {"tingkat": "tujuan", "pemilik": t.pk, "nama": "Indikator A", "target_2025": "tujuh"},
        follow=True,
    )
    html = r.content.decode()
    assert "Tidak disimpan: periksa isian yang ditandai" in html
    assert "Target 2025: &#x27;tujuh&#x27; bukan angka" in html
    assert 'value="tujuh" aria-label="Target 2025" aria-invalid="true"' in html
    assert "Indikator A</textarea>" in html  # nama yang diketik tetap ada
    assert not Indikator.objects.exists()


def test_program_kegiatan_and_sub_kegiatan_through_the_page(operator, opd):
    operator.post(AKSI + "renstra/", {"tahun_awal": "2024", "tahun_akhir": "2026"})
    r = operator.post(
        AKSI + "program/",
        {"kode": "2.07.04", "nama": "Program Penempatan Tenaga Kerja"},
        follow=True,
    )
    assert "Program 2.07.04 Program Penempatan Tenaga Kerja ditambahkan" in r.content.decode()
    p = opd.program.get()
    operator.post(
        AKSI + "kegiatan/",
        {"program": p.pk, "kode": "2.07.04.2.01", "nama": "Pelayanan Antarkerja"},
    )
    k = p.kegiatan.get()
    r = operator.post(
        AKSI + "sub-kegiatan/",
        {"kegiatan": k.pk, "kode": "2.07.03.2.01.01", "nama": "X"},
        follow=True,
    )
    assert "bukan bagian dari kegiatan 2.07.04.2.01" in r.content.decode()
    operator.post(
        AKSI + "sub-kegiatan/",
        {"kegiatan": k.pk, "kode": "2.07.04.2.01.02", "nama": "Pelayanan Antarkerja di Kabupaten"},
    )
    html = operator.get(AKSI).content.decode()
    assert "Sub Kegiatan 2.07.04.2.01.02" in html


def test_other_roles_see_but_do_not_build(client, opd):
    client.force_login(pengguna("kepala.uji", Peran.KEPALA_OPD, opd))
    assert client.get(AKSI).status_code == 200
    assert (
        client.post(AKSI + "renstra/", {"tahun_awal": "2024", "tahun_akhir": "2026"}).status_code
        == 403
    )
    assert client.get(AKSI + "formulir/?tingkat=tujuan&pemilik=1").status_code == 403
    assert not Renstra.objects.exists()


def test_an_item_with_data_is_stopped_from_a_year_on_the_page(client, klungkung):
    from sakip.planning.models import SubKegiatan

    opd = PerangkatDaerah.objects.get(slug="disnaker-klungkung")
    client.force_login(pengguna("op.klk", Peran.OPERATOR_OPD, opd))
    susun = "/opd/disnaker-klungkung/2024/renstra/susun/"
    sub = SubKegiatan.objects.get(kegiatan__program__opd=opd, kode="2.07.01.2.01.02")
    html = client.get(susun).content.decode()
    assert "Hentikan sub kegiatan" in html and 'name="berhenti_tahun"' in html
    r = client.post(
        susun + "hentikan/",
        {"tingkat": "sub_kegiatan", "pk": sub.pk, "berhenti_tahun": "2024", "alasan_berhenti": ""},
        follow=True,
    )
    html = r.content.decode()
    assert "Tulis alasan berhentinya" in html and 'aria-invalid="true"' in html
    r = client.post(
        susun + "hentikan/",
        {
            "tingkat": "sub_kegiatan",
            "pk": sub.pk,
            "berhenti_tahun": "2025",
            "alasan_berhenti": "Digabung ke sub kegiatan 2.07.01.2.01.01",
        },
        follow=True,
    )
    html = r.content.decode()
    assert "tidak dipakai lagi mulai 2025" in html
    assert "berhenti mulai 2025" in html and "Digabung ke sub kegiatan 2.07.01.2.01.01" in html
    assert "Pakai lagi" in html
    anggaran = client.get("/opd/disnaker-klungkung/2025/anggaran/").content.decode()
    assert "2.07.01.2.01.02" not in anggaran
    assert (
        "2.07.01.2.01.02" in client.get("/opd/disnaker-klungkung/2024/anggaran/").content.decode()
    )
    r = client.post(susun + "aktifkan/", {"tingkat": "sub_kegiatan", "pk": sub.pk}, follow=True)
    assert "dipakai lagi" in r.content.decode()
    sub.refresh_from_db()
    assert sub.berhenti_tahun is None
    prog = sub.kegiatan.program
    client.post(
        susun + "hentikan/",
        {"tingkat": "program", "pk": prog.pk, "berhenti_tahun": "2026", "alasan_berhenti": "Baru"},
    )
    renstra = client.get("/opd/disnaker-klungkung/2024/renstra/").content.decode()
    assert "2.07.01 Program Penunjang" in renstra and "berhenti mulai 2026" in renstra
