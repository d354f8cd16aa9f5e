"""API baca tingkat Pemda: RPJMD dengan capaian dan OPD pendukung, pohon kinerja."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from sakip.organisations.models import Keanggotaan, Peran


@pytest.fixture
def masuk(client, rpjmd_denpasar):
    u = get_user_model().objects.create_user("insp", password="x")
    Keanggotaan.objects.create(user=u, peran=Peran.INSPEKTORAT, pemda=rpjmd_denpasar.pemda)
    client.login(username="insp", password="x")
    return client


def test_rpjmd_read(masuk):
    r = masuk.get("/api/pemda/kota-denpasar/2022/rpjmd")
    assert r.status_code == 200
    d = r.json()
    assert (d["jenis"], d["tahun_awal"], d["versi"], d["status"]) == ("rpjmd", 2021, 1, "draft")
    (s,) = d["tujuan"][0]["sasaran"]
    assert s["pendukung"] == [
        {
            "opd_slug": "disnaker-denpasar",
            "opd": "Dinas Tenaga Kerja dan Sertifikasi Kompetensi Kota Denpasar",
            "unsur": ["Mengurangi Pengangguran"],
        }
    ]
    pen = next(i for i in s["indikator"] if i["kode"] == "IKD-PEN")
    assert Decimal(pen["target_tahun"]) == 35
    assert round(float(pen["capaian"]), 2) == 176.98
    assert pen["sumber_realisasi"].startswith("realisasi Dinas Tenaga Kerja")


def test_pohon_read(masuk):
    r = masuk.get("/api/pemda/kota-denpasar/2022/pohon")
    (akar,) = r.json()
    assert akar["jenis"] == "rpjmd"
    opd = masuk.get("/api/pemda/kota-denpasar/2022/pohon?opd=disnaker-denpasar").json()[0]
    progs = [n for t in opd["anak"] for s in t["anak"] for n in s["anak"]]
    assert {p["kode"]: p["jabatan"] for p in progs}["2.07.04"] == (
        "Kepala Bidang Perluasan Kesempatan Kerja"
    )


def test_no_rpjmd_is_404_in_indonesian(masuk):
    r = masuk.get("/api/pemda/kota-denpasar/2030/rpjmd")
    assert r.status_code == 404 and "belum punya RPJMD" in r.json()["detail"]
