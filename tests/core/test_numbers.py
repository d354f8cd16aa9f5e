from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.core.numbers import (
    NumberFormatError,
    format_angka,
    format_persen,
    format_rupiah,
    parse_angka,
    round_half_up,
    truncate,
)

pytestmark = pytest.mark.sekali  # tanpa basis data: CI menjalankannya sekali


@pytest.mark.parametrize(
    "text,expected",
    [
        ("1.164", Decimal("1164")),
        ("8,33", Decimal("8.33")),
        ("8,33%", Decimal("8.33")),
        ("Rp. 6.254.031.019,00", Decimal("6254031019.00")),
        ("2.653.931.750", Decimal("2653931750")),
        ("-0,23", Decimal("-0.23")),
        ("79.88", Decimal("79.88")),
        ("97 %", Decimal("97")),
        ("Rp2.653.931.750", Decimal("2653931750")),
    ],
)
def test_parse_angka(text, expected):
    assert parse_angka(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "12.34.5", "Rp", "satu"])
def test_parse_angka_rejects_text(text):
    with pytest.raises(NumberFormatError, match="bukan angka"):
        parse_angka(text)


def test_format_examples_from_the_seeds():
    assert format_angka(1164) == "1.164"
    assert format_persen(Decimal(41667) / Decimal(499900) * 100) == "8,34%"
    assert format_persen(Decimal("8.33")) == "8,33%"
    assert format_rupiah(Decimal("2653931750")) == "Rp2.653.931.750"
    assert format_angka(Decimal("-0.004"), 2) == "0,00"


def test_half_up_versus_truncation_as_the_denpasar_report_shows():
    value = Decimal(41667) / Decimal(499900) * 100  # 8,33507...
    assert round_half_up(value, 2) == Decimal("8.34")
    assert truncate(value, 2) == Decimal("8.33")
    assert round_half_up(Decimal("2.5"), 0) == Decimal("3")  # not banker's rounding


@given(
    st.decimals(
        min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False
    )
)
def test_format_then_parse_round_trips(value):
    assert parse_angka(format_angka(value, 2)) == value


@given(st.integers(min_value=0, max_value=10**15))
def test_thousands_groups_have_three_digits(n):
    text = format_angka(n)
    groups = text.split(".")
    assert all(len(g) == 3 for g in groups[1:])
    assert 1 <= len(groups[0]) <= 3
    assert int(text.replace(".", "")) == n


def test_bilangan_id_only_takes_short_ascii_digits():
    from sakip.core.numbers import bilangan_id

    assert bilangan_id("42") == 42 and bilangan_id(" 7 ") == 7 and bilangan_id(3) == 3
    for bad in ("²", "١٢", "-1", "1e3", "", None, "9" * 10, "4.0", "abc"):
        assert bilangan_id(bad) is None, bad
