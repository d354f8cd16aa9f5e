"""Kewajaran nilai realisasi (sakip.core.wajar): contoh dari issue (TPAK 1.000.000%, perselisihan
−3, TPT −4) dan sifat-sifatnya."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.core.wajar import JenisSatuan, Rentang, jenis_satuan, periksa, rentang

pytestmark = pytest.mark.sekali  # tanpa basis data: CI menjalankannya sekali

D = Decimal
angka = st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False)


@pytest.mark.parametrize(
    "satuan,jenis",
    [
        ("%", JenisSatuan.PERSEN),
        ("Persen", JenisSatuan.PERSEN),
        ("Perselisihan", JenisSatuan.CACAH),
        ("Orang", JenisSatuan.CACAH),
        ("Dokumen", JenisSatuan.CACAH),
        ("Laporan", JenisSatuan.CACAH),
        ("Indeks", JenisSatuan.LAIN),
        ("Rp", JenisSatuan.LAIN),
        ("", JenisSatuan.LAIN),
    ],
)
def test_satuan_dari_seed(satuan, jenis):
    assert jenis_satuan(satuan) == jenis


def test_contoh_issue_ditolak_dengan_pesan_indonesia():
    (m,) = periksa(D(1000000), rentang("%"), "%")
    assert (m.pesan, m.konfirmasi) == ("1.000.000% melebihi batas wajar 100%", False)
    (m,) = periksa(D(-3), rentang("Perselisihan"), "Perselisihan")
    assert m.pesan == "-3 Perselisihan di bawah batas wajar 0 Perselisihan"
    (m,) = periksa(D("2.5"), rentang("Orang"), "Orang")
    assert m.pesan == "2,5 Orang: satuan Orang harus bilangan bulat"
    (m,) = periksa(D(-4), rentang("%"), "%")
    assert m.pesan == "-4% di bawah batas wajar 0%"


def test_jauh_dari_target_perlu_konfirmasi():
    (m,) = periksa(D(900), rentang("Orang"), "Orang", [("target", D(79)), ("TW II", D(80))])
    assert m.konfirmasi and m.pesan == "900 Orang lebih dari 10 kali target (79 Orang)"
    (m,) = periksa(D(5), rentang("%"), "%", [("target", None), ("TW II", D(79))])
    assert m.konfirmasi and m.pesan == "5% kurang dari sepersepuluh TW II (79%)"
    assert periksa(D(79), rentang("%"), "%", [("target", D(79))]) == []
    assert periksa(D(0), rentang("%"), "%", [("target", D(79))]) == []  # nihil: wajar


def test_indikator_menyatakan_rentang_lain():
    r = rentang("%", bawah=D(-100), atas=D(1000))
    assert r == Rentang(D(-100), D(1000), False)
    assert periksa(D(-4), r, "%") == [] and periksa(D(250), r, "%") == []


@given(angka, angka)
def test_di_dalam_rentang_tanpa_pembanding_selalu_wajar(a, b):
    lo, hi = min(a, b), max(a, b)
    x = (lo + hi) / 2
    assert periksa(x, Rentang(lo, hi), "Indeks") == []


@given(angka.filter(lambda x: x != 0), st.decimals(min_value=D("0.11"), max_value=10, places=2))
def test_dekat_pembanding_tidak_perlu_konfirmasi(p, k):
    assert periksa(p * k, Rentang(), "", [("target", p)]) == []


@given(angka.filter(lambda x: x != 0), st.decimals(min_value=D("10.01"), max_value=1000, places=2))
def test_jauh_dari_pembanding_selalu_perlu_konfirmasi(p, k):
    for x in (p * k, p / k):
        (m,) = periksa(x, Rentang(), "", [("target", p)])
        assert m.konfirmasi


@given(st.integers(min_value=0, max_value=10**9))
def test_cacah_bulat_tidak_negatif_selalu_dalam_rentang(n):
    assert periksa(D(n), rentang("Orang"), "Orang") == []
