"""sakip.akses: satu pintu ke setiap OPD/Pemda untuk pengguna dan aksi; halaman dan API menjawab
sama (404 yang tidak ada, 403 yang tidak boleh, pesan yang sama), dan Pejabat mengisi realisasi
cabangnya lewat halaman maupun API (issue 28)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from sakip import akses
from sakip.akses import AksesDitolak, Aksi
from sakip.measurement import entry
from sakip.measurement.models import Periode, Realisasi
from sakip.organisations.models import TokenApi
from sakip.organisations.permissions import cabang_jabatan
from tests.demo_cepat import muat_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    muat_demo()
    return get_user_model().objects


def test_missing_is_404_forbidden_is_403_with_one_message_per_action(demo):
    op = demo.get(username="operator.disnaker")
    with pytest.raises(Http404, match="'tidak-ada' tidak ditemukan"):
        akses.opd(op, "tidak-ada")
    with pytest.raises(AksesDitolak, match="tidak berwenang melihat data Perangkat Daerah"):
        akses.opd(op, "disnaker-klungkung")
    assert akses.opd(op, "disnaker-denpasar").pemda.slug == "kota-denpasar"
    with pytest.raises(AksesDitolak, match="Hanya Kepala OPD ini"):
        akses.opd(op, "disnaker-denpasar", Aksi.PUTUSKAN)
    with pytest.raises(AksesDitolak, match="Admin Pemda dan Inspektorat"):
        akses.pemda(op, "kota-denpasar", Aksi.DASBOR)
    assert akses.pemda(op, "kota-denpasar").slug == "kota-denpasar"
    with pytest.raises(AksesDitolak):
        akses.opd(AnonymousUser(), "disnaker-denpasar")
    with pytest.raises(ValueError, match="tidak berlaku untuk Pemda"):
        akses.boleh(op, akses.pemda(op, "kota-denpasar"), Aksi.PUTUSKAN)


def test_page_and_api_give_the_same_answer(client, demo):
    op = demo.get(username="operator.disnaker")
    client.force_login(op)
    h = {"HTTP_AUTHORIZATION": f"Bearer {TokenApi.buat(op, 'uji')[1]}"}
    for halaman, api in [
        ("/pemda/kabupaten-klungkung/2024/rpjmd/", "/api/pemda/kabupaten-klungkung/2024/rpjmd"),
        ("/pemda/kota-denpasar/2022/evaluasi/", "/api/pemda/kota-denpasar/2022/evaluasi"),
    ]:
        a, b = client.get(halaman), client.get(api, **h)
        assert a.status_code == b.status_code == 403, (halaman, a.status_code, b.status_code)
        assert b.json()["detail"] in a.content.decode()


def test_pejabat_saves_his_branch_through_the_api_as_on_the_page(client, demo):
    kabid = demo.get(username="kabid.perluasan")
    opd = akses.opd(kabid, "disnaker-denpasar", Aksi.ISI)
    cabang = cabang_jabatan(kabid, opd)
    milik = next(i for i in entry.indikator_isian(opd, 2022, cabang=cabang) if not i.is_rumus)
    h = {"HTTP_AUTHORIZATION": f"Bearer {TokenApi.buat(kabid, 'uji')[1]}"}
    resp = client.post(
        "/api/opd/disnaker-denpasar/2022/realisasi/4",
        {"isian": [{"indikator": milik.kode, "nilai": "290"}]},
        content_type="application/json",
        **h,
    )
    assert resp.status_code == 200, resp.content.decode()
    assert (
        Realisasi.objects.get(indikator=milik, tahun=2022, periode=Periode.triwulan(4)).nilai == 290
    )
    bukan = next(
        i
        for i in entry.indikator_isian(opd, 2022, semua_tingkat=True)
        if i.jabatan_efektif_id not in cabang
    )
    resp = client.post(
        "/api/opd/disnaker-denpasar/2022/realisasi/4",
        {"isian": [{"indikator": bukan.kode, "nilai": "1"}]},
        content_type="application/json",
        **h,
    )
    assert resp.status_code == 400 and bukan.kode in resp.json()["detail"]
    # OPD lain: 403 seperti halamannya
    resp = client.post(
        "/api/opd/disnaker-klungkung/2024/realisasi/1",
        {"isian": []},
        content_type="application/json",
        **h,
    )
    assert resp.status_code == 403
