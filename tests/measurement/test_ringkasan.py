"""Ringkasan capaian tersimpan: ditandai kedaluwarsa bersama datanya, dihitung ulang oleh inti yang
sama, dan peringkatnya dihitung SQL dengan hasil yang sama dengan perhitungan Python."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from sakip.measurement import ringkasan
from sakip.measurement.models import CapaianKedaluwarsa, Realisasi, RingkasanCapaian
from sakip.measurement.services import pengukuran_banyak
from sakip.organisations.models import PerangkatDaerah
from tests.demo_cepat import muat_demo
from tests.salinan import salin_denpasar


def _salinan(i: int, pembilang: int):
    return salin_denpasar(f"salinan-{i}", f"Salinan {i}", pembilang)


@pytest.mark.django_db
def test_sql_ranking_equals_python_average(denpasar):
    opds = [denpasar] + [_salinan(i, p) for i, p in enumerate((650, 800, 721, 1000), 1)]
    assert CapaianKedaluwarsa.objects.exists()  # impor menandai, belum dihitung
    rank = list(ringkasan.peringkat_opd(2022, denpasar.pemda_id))
    assert not CapaianKedaluwarsa.objects.exists()
    ukur = pengukuran_banyak(opds, 2022)
    expected = {}
    for o in opds:
        caps = [b.capaian.nilai for b in ukur[o.id] if b.capaian.nilai is not None]
        expected[o.id] = sum(caps, Decimal(0)) / len(caps)
    got = {r["opd_id"]: ringkasan.desimal(r["rata"]) for r in rank}
    for opd_id, v in expected.items():
        assert abs(got[opd_id] - v) < Decimal("0.000001"), (opd_id, got[opd_id], v)
    # peringkat: urutan rata-rata menurun, nilai sama = peringkat sama (RANK)
    by_rank = sorted(rank, key=lambda r: r["peringkat_pemda"])
    assert [r["opd_id"] for r in by_rank][0] == opds[4].id
    same = {r["opd_id"]: r["peringkat_pemda"] for r in rank}
    assert same[denpasar.id] == same[opds[3].id]  # 721 dan 721: seri


@pytest.mark.django_db
def test_change_marks_stale_in_the_same_transaction_and_refresh_recomputes(denpasar):
    ringkasan.segarkan()
    s11 = RingkasanCapaian.objects.get(indikator__kode="S1-1", tahun=2022)
    assert round(s11.realisasi, 2) == Decimal("67.57") and round(s11.capaian, 2) == Decimal("77.66")
    r = Realisasi.objects.get(indikator_id=s11.indikator_id, tahun=2022, periode="tahunan")
    r.pembilang = 1164
    r.save()
    assert CapaianKedaluwarsa.objects.filter(opd=denpasar, tahun=2022).exists()
    ringkasan.segarkan()
    s11 = RingkasanCapaian.objects.get(indikator__kode="S1-1", tahun=2022)
    baris = {b.indikator.kode: b for b in pengukuran_banyak([denpasar], 2022)[denpasar.id]}
    assert s11.realisasi == round(baris["S1-1"].realisasi, 4) > Decimal("67.57")
    assert abs(s11.capaian - baris["S1-1"].capaian.nilai) < Decimal("1e-11")
    # pengaturan Pemda (mis. metode indikator menurun) menandai semua OPD-nya, semua tahun
    pemda = denpasar.pemda
    pemda.save()
    assert CapaianKedaluwarsa.objects.filter(opd=denpasar, tahun=0).exists()
    assert ringkasan.segarkan() > 0


@pytest.mark.django_db
def test_country_ranking_of_pemda(denpasar, klungkung):
    rows = list(ringkasan.peringkat_pemda(2022))
    assert {r["pemda_id"] for r in rows} == {denpasar.pemda_id, klungkung.pemda_id}
    rata = [ringkasan.desimal(r["rata"]) for r in rows]
    assert [r["peringkat"] for r in rows] == [1, 2] and rata[0] > rata[1]
    rows = list(ringkasan.peringkat_opd(2024))
    assert {r["opd_id"] for r in rows} >= {klungkung.id}


def test_desimal_keeps_display_rounding():
    assert ringkasan.desimal(97.34499999999999) == Decimal("97.345000")
    assert ringkasan.desimal(None) is None
    assert ringkasan.desimal(Decimal("1.5")) == Decimal("1.5")


@pytest.mark.django_db
def test_demo_dashboard_after_entry(client, db):
    muat_demo()
    opd = PerangkatDaerah.objects.get(slug="disnaker-denpasar")
    client.login(username="admin.denpasar", password="sakip-demo-2022")
    assert "97,35%" in client.get("/pemda/kota-denpasar/2022/").content.decode()
    RingkasanCapaian.objects.filter(opd=opd).delete()
    ringkasan.tandai(opd.id)
    assert "97,35%" in client.get("/pemda/kota-denpasar/2022/").content.decode()


@pytest.mark.django_db
def test_ringkasan_command_rebuilds_everything(denpasar, capsys):
    RingkasanCapaian.objects.all().delete()
    CapaianKedaluwarsa.objects.all().delete()
    call_command("ringkasan", "--semua")
    assert "baris ditulis" in capsys.readouterr().out
    assert RingkasanCapaian.objects.filter(opd=denpasar, tahun=2022, iku=True).exists()
