"""Nomenklatur di halaman: pilihan kode di Susun Renstra, kode di luar nomenklatur hanya dengan
alasan (ditandai), halaman cari, dan pemuatan versi baru hanya oleh Admin sistem."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sakip.organisations.models import Pemda, Peran, PerangkatDaerah, Urusan
from sakip.planning.models import KodeLuarNomenklatur, NomenklaturVersi, Program
from tests.conftest import pengguna

AKSI = "/opd/disnaker-uji/2024/renstra/susun/"


@pytest.fixture
def opd(db):
    pemda = Pemda.objects.create(slug="kabupaten-uji", nama="Kabupaten Uji", jenis="kabupaten")
    o = PerangkatDaerah.objects.create(pemda=pemda, slug="disnaker-uji", nama="Disnaker Uji")
    o.urusan.add(Urusan.objects.get_or_create(kode="2.07", defaults={"nama": "Tenaga Kerja"})[0])
    return o


@pytest.fixture
def operator(client, opd):
    client.force_login(pengguna("op.uji", Peran.OPERATOR_OPD, opd))
    return client


def test_codes_are_picked_from_the_nomenclature_of_the_opds_urusan(operator, opd):
    html = operator.get(AKSI).content.decode()
    assert '<option value="2.07.04">2.07.04 Program Penempatan Tenaga Kerja</option>' in html
    assert "5 pilihan dari nomenklatur Permendagri 90/2019" in html
    operator.post(AKSI + "program/", {"kode": "2.07.04", "nama": ""})
    p = Program.objects.get()
    assert p.nama == "Program Penempatan Tenaga Kerja"
    html = operator.get(AKSI).content.decode()
    # program yang sudah dipakai tidak ditawarkan lagi; kegiatannya ditawarkan di bawahnya
    assert '<option value="2.07.04">' not in html
    assert (
        '<option value="2.07.04.2.03">2.07.04.2.03 Pengelolaan Informasi Pasar Kerja</option>'
        in html
    )


def test_a_code_outside_is_refused_without_a_reason_then_flagged(operator, opd):
    r = operator.post(AKSI + "program/", {"kode": "2.07.09", "nama": "Program Daerah"}, follow=True)
    html = r.content.decode()
    assert "tidak ada dalam nomenklatur Permendagri 90/2019" in html
    assert 'id="tp-alasan" name="alasan" size="70" value="" aria-invalid="true"' in html
    assert 'value="Program Daerah"' in html and not Program.objects.exists()
    operator.post(
        AKSI + "program/", {"kode": "2.07.09", "nama": "Program Daerah", "alasan": "Perda 3/2024"}
    )
    html = operator.get(AKSI).content.decode()
    assert "di luar nomenklatur</span>" in html and "Perda 3/2024" in html
    assert "1 kode di luar nomenklatur." in html
    p = Program.objects.get()
    operator.post(
        AKSI + "ubah-nomenklatur/",
        {"tingkat": "program", "pk": p.pk, "nama": "Program Daerah", "alasan": "Perda 4/2024"},
    )
    assert KodeLuarNomenklatur.objects.get(opd=opd, kode="2.07.09").alasan == "Perda 4/2024"


def test_the_nomenclature_page_searches_code_and_name(operator):
    html = operator.get("/nomenklatur/?q=2.07.04.2.01&tahun=2024").content.decode()
    assert "Perluasan Kesempatan Kerja" in html and "Berlaku untuk tahun 2024" in html
    html = operator.get("/nomenklatur/?q=bursa+kerja").content.decode()
    assert "2.07.04.2.03.03" in html and "Job Fair/Bursa Kerja" in html
    assert "Muat versi baru" not in html  # hanya Admin sistem


def test_only_the_system_admin_loads_a_version(client, operator, django_user_model):
    berkas = SimpleUploadedFile("n.csv", b"kode,nama\n2.07.06,Program Baru\n", "text/csv")
    isian = {
        "berkas": berkas,
        "kode": "uji",
        "judul": "Uji",
        "sumber": "uji",
        "berlaku_mulai": "2026",
    }
    assert operator.post("/nomenklatur/muat/", isian).status_code == 403
    admin = django_user_model.objects.create_superuser("akar", "a@b.id", "x")
    client.force_login(admin)
    berkas.seek(0)
    r = client.post("/nomenklatur/muat/", isian, follow=True)
    assert "Versi Uji dimuat: 1 kode, berlaku mulai 2026" in r.content.decode()
    assert NomenklaturVersi.objects.count() == 2
    berkas.seek(0)
    r = client.post("/nomenklatur/muat/", isian | {"berlaku_mulai": "tahun"}, follow=True)
    assert "sudah ada" in r.content.decode() and "antara 2000 dan 2100" in r.content.decode()
