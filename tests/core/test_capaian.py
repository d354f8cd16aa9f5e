from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sakip.core.capaian import MetodeTurun, Polaritas, Target, hitung_capaian, rasio_persen

pytestmark = pytest.mark.sekali  # tanpa basis data: CI menjalankannya sekali

pos = st.decimals(
    min_value=Decimal("0.01"),
    max_value=Decimal(10**6),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)
nonneg = st.decimals(
    min_value=Decimal(0), max_value=Decimal(10**6), places=2, allow_nan=False, allow_infinity=False
)


def test_seed_ratios():
    assert rasio_persen(200, 296).teks() == "67,57%"  # Denpasar printed 67%
    assert rasio_persen(180, 285).teks() == "63,16%"  # printed 63%
    assert rasio_persen(721, 1164).teks() == "61,94%"  # printed 62%
    assert rasio_persen(8, 22).teks() == "36,36%"  # printed 36%
    assert rasio_persen(41667, 499900).teks() == "8,34%"  # printed 8,33% (truncated)


def test_klungkung_tpak_capaian_is_101_11_not_187_90():
    assert hitung_capaian("79,00", "79,88").teks() == "101,11%"


def test_lower_is_better_default_permenpan_formula():
    # Klungkung: jumlah perselisihan, target 2, realisasi 0 → (1 + (1 − 0/2)) × 100 = 200%
    assert hitung_capaian(2, 0, Polaritas.TURUN).nilai == Decimal(200)
    assert hitung_capaian(2, 1, Polaritas.TURUN).nilai == Decimal(150)
    assert hitung_capaian("7,42", "7,42", Polaritas.TURUN).nilai == Decimal(100)


def test_lower_is_better_inverse_ratio_setting():
    assert hitung_capaian(2, 1, Polaritas.TURUN, MetodeTurun.RASIO_TERBALIK).nilai == Decimal(200)
    hasil = hitung_capaian(2, 0, Polaritas.TURUN, MetodeTurun.RASIO_TERBALIK)
    assert hasil.nilai is None and "realisasi bernilai nol" in hasil.alasan


def test_target_zero_and_missing_realisasi_are_explicit():
    zero = hitung_capaian(0, 5)
    assert zero.nilai is None and "target bernilai nol" in zero.alasan
    assert zero.teks() == "tidak dapat dihitung"
    missing = hitung_capaian(10, None)
    assert missing.nilai is None and missing.alasan == "realisasi belum diisi"
    assert hitung_capaian(None, 3).alasan == "target belum ditetapkan"


def test_range_targets():
    rng = Target(80, 90)
    assert hitung_capaian(rng, 85).nilai == 100
    assert hitung_capaian(rng, 80).nilai == 100
    assert hitung_capaian(rng, 99).nilai == Decimal(110)  # above: upper bound counts
    assert hitung_capaian(rng, 72).nilai == Decimal(90)  # below: lower bound counts
    assert hitung_capaian(rng, 95, Polaritas.TURUN).dibulatkan() == Decimal("94.44")
    with pytest.raises(ValueError, match="rentang target terbalik"):
        Target(90, 80)


def test_on_target_polarity():
    assert hitung_capaian(100, 100, Polaritas.TETAP).nilai == 100
    assert hitung_capaian(100, 90, Polaritas.TETAP).nilai == 90
    assert hitung_capaian(100, 110, Polaritas.TETAP).nilai == 90


def test_cap_is_a_setting():
    assert hitung_capaian(2, 0, Polaritas.TURUN, batas_maks=Decimal(120)).nilai == 120


@given(pos, nonneg)
def test_higher_is_better_is_monotonic_in_realisasi(t, r):
    a = hitung_capaian(t, r).nilai
    b = hitung_capaian(t, r + 1).nilai
    assert b > a


@given(pos, nonneg)
def test_lower_is_better_decreases_with_realisasi(t, r):
    for metode in MetodeTurun:
        assume(metode is MetodeTurun.PERMENPAN or r > 0)
        a = hitung_capaian(t, r, Polaritas.TURUN, metode).nilai
        b = hitung_capaian(t, r + 1, Polaritas.TURUN, metode).nilai
        assert b < a


@given(pos)
def test_meeting_the_target_is_exactly_100_for_every_polarity(t):
    for pol in Polaritas:
        for metode in MetodeTurun:
            assert hitung_capaian(t, t, pol, metode).nilai == 100


@given(pos, pos, nonneg)
def test_range_is_100_inside_and_never_below_single_bound_formula(lo, width, r):
    hi = lo + width
    hasil = hitung_capaian(Target(lo, hi), r).nilai
    if lo <= r <= hi:
        assert hasil == 100
    elif r > hi:
        assert hasil == r / hi * 100 and hasil > 100
    else:
        assert hasil == r / lo * 100 and hasil < 100


@given(nonneg)
def test_zero_target_never_raises(r):
    for pol in Polaritas:
        assert hitung_capaian(0, r, pol).nilai is None
