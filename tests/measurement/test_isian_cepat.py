"""Isian realisasi yang cepat tanpa menjadi salah: daftar indikator diingat per versi rencana,
halaman utuh per pengguna dan versi data, simpanan yang hanya menyentuh baris yang diubah."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sakip.measurement import entry
from sakip.measurement.models import Periode, Realisasi
from sakip.planning.models import Indikator, Renstra
from tests.formulir import isi_formulir

URL = "/opd/disnaker-denpasar/2022/realisasi/tw4/"


def _isian(opd, semua=False):
    with CaptureQueriesContext(connection) as q:
        out = entry.indikator_isian(opd, 2022, semua_tingkat=semua)
    return out, len(q)


@pytest.mark.django_db
def test_indicator_list_is_remembered_until_the_plan_changes(demo):
    opd, _, _ = demo
    awal, _ = _isian(opd)
    lagi, n = _isian(opd)
    assert n == 1  # versi rencana saja
    assert [i.pk for i in lagi] == [i.pk for i in awal] and lagi[0] is not awal[0]
    # realisasi disimpan: daftar tetap diingat (tidak dibangun ulang)
    Realisasi.objects.create(indikator=awal[0], tahun=2022, periode=Periode.TW2, nilai=Decimal(1))
    assert _isian(opd)[1] == 1
    # nama diubah: daftar baru membawa nama baru
    ind = Indikator.objects.get(pk=awal[0].pk)
    ind.nama = "Tingkat Pengangguran Terbuka (revisi)"
    ind.save()
    baru, n = _isian(opd)
    assert n > 1 and baru[0].nama == "Tingkat Pengangguran Terbuka (revisi)"
    # berhenti dipakai mulai 2022: hilang dari isian 2022
    ind.berhenti_tahun, ind.alasan_berhenti = 2022, "diganti indikator baru"
    ind.save()
    assert ind.pk not in [i.pk for i in _isian(opd)[0]]
    # Renstra tidak lagi mencakup 2022: isian kosong
    Renstra.objects.filter(opd=opd).update(tahun_awal=2023, tahun_akhir=2026)
    from sakip.audit.versi import naikkan

    naikkan(opd.pk)  # jalur tanpa sinyal menaikkan versi sendiri (seperti layanan impor)
    assert _isian(opd)[0] == []


@pytest.mark.django_db
def test_saving_one_row_costs_the_same_for_a_long_form_as_for_a_short_one(client, demo):
    """Hanya baris yang diubah dibaca-kunci dan dibandingkan: formulir semua tingkat (lebih banyak
    baris) sama jumlah kuerinya dengan formulir sasaran saja."""
    opd, operator, _ = demo
    client.force_login(operator)
    tpt = Indikator.objects.get(opd=opd, kode="T1-1")
    jumlah = {}
    for q, nilai in (("", "30.000"), ("?tingkat=semua", "31.000")):
        form = isi_formulir(client.get(URL + q).content.decode(), "isian")
        form |= {f"p-{tpt.id}": nilai, f"q-{tpt.id}": "400.000", f"c-{tpt.id}": "Sakernas"}
        with CaptureQueriesContext(connection) as kueri:
            resp = client.post(URL + q, form)
        assert resp.status_code == 302, resp.content.decode()[:2000]
        jumlah[q] = (len(kueri), sum(1 for k in form if k.startswith("h-")))
    (pendek, baris_pendek), (panjang, baris_panjang) = jumlah[""], jumlah["?tingkat=semua"]
    assert baris_panjang > baris_pendek * 2
    assert panjang == pendek, jumlah
    assert pendek <= 20
    r = Realisasi.objects.get(indikator=tpt, tahun=2022, periode="tw4")
    assert r.pembilang == 31000


@pytest.mark.django_db
def test_entry_page_is_kept_per_user_and_rebuilt_after_any_save(client, demo):
    opd, operator, kepala = demo
    tpt = Indikator.objects.get(opd=opd, kode="T1-1")
    client.force_login(operator)
    client.get(URL)  # peramban baru: kuki CSRF diberikan (halaman tanpa kuki itu tidak disimpan)
    pertama = client.get(URL).content
    with CaptureQueriesContext(connection) as q:
        kedua = client.get(URL).content
    assert kedua == pertama
    assert len(q) <= 5, [x["sql"][:80] for x in q.captured_queries]
    # pengguna lain tidak mendapat halaman operator (Kepala OPD: tanpa tombol Simpan)
    client.force_login(kepala)
    halaman_kepala = client.get(URL).content.decode()
    assert "Simpan realisasi" not in halaman_kepala
    client.force_login(operator)
    assert "Simpan realisasi" in client.get(URL).content.decode()
    # simpanan orang lain (Admin Pemda) tampil pada permintaan operator berikutnya
    admin = get_user_model().objects.get(username="admin.denpasar")
    client.force_login(admin)
    form = isi_formulir(client.get(URL).content.decode(), "isian")
    form |= {f"p-{tpt.id}": "29.000", f"q-{tpt.id}": "400.000", f"c-{tpt.id}": "Sakernas"}
    assert client.post(URL, form).status_code == 302
    client.force_login(operator)
    assert 'value="29.000"' in client.get(URL).content.decode()
    # pesan sekali tampil tidak ikut tersimpan
    form = isi_formulir(client.get(URL).content.decode(), "isian")
    form |= {f"p-{tpt.id}": "28.000"}
    teks = client.post(URL, form, follow=True).content.decode()
    assert "1 realisasi triwulan IV disimpan" in teks
    assert "disimpan." not in client.get(URL).content.decode()
