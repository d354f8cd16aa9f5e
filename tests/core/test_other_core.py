import ast
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sakip.core
from sakip.core.aggregation import Agregasi, agregasi, agregasi_rasio
from sakip.core.anggaran import jumlahkan, serapan
from sakip.core.efisiensi import analisis_efisiensi
from sakip.core.kode import KodeError, Tingkat, parse_kode
from sakip.core.predikat import EMPAT_KATEGORI, PERMENDAGRI_86_2017, SkalaPredikat

pytestmark = pytest.mark.sekali  # tanpa basis data: CI menjalankannya sekali

vals = st.dictionaries(
    st.sampled_from([1, 2, 3, 4]),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
)


def test_core_has_no_django_import():
    for path in Path(sakip.core.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or ""]
                )
                assert not any(n.startswith("django") for n in names), path


def test_aggregation_methods():
    q = {1: Decimal(10), 2: Decimal(20), 3: None, 4: Decimal(5)}
    assert agregasi(q, Agregasi.KUMULATIF).nilai == 35
    assert agregasi(q, Agregasi.TERAKHIR).nilai == 5
    assert agregasi(q, Agregasi.MAKSIMUM).nilai == 20
    assert agregasi(q, Agregasi.MINIMUM).nilai == 5
    assert agregasi(q, Agregasi.RATA_RATA).nilai == Decimal(35) / 3
    assert agregasi(q, "kumulatif").kosong == (3,)
    assert agregasi({}, "kumulatif").nilai is None
    with pytest.raises(ValueError, match="triwulan"):
        agregasi({5: 1}, "kumulatif")


def test_ratio_aggregates_counts_not_percentages():
    p, q, hasil = agregasi_rasio({1: 1, 2: 99}, {1: 10, 2: 100}, Agregasi.KUMULATIF)
    assert hasil.teks() == "90,91%"  # 100/110, not the mean of 10% and 99%


@given(vals)
def test_cumulative_bounds(v):
    res = agregasi(v, Agregasi.KUMULATIF)
    if v:
        assert res.nilai == sum(v.values())
        assert (
            agregasi(v, Agregasi.MINIMUM).nilai
            <= agregasi(v, Agregasi.RATA_RATA).nilai
            <= agregasi(v, Agregasi.MAKSIMUM).nilai
        )


def test_predikat_permendagri_86():
    labels = {
        c: PERMENDAGRI_86_2017.predikat(c).label
        for c in [101, 91, 90.5, 76, 75.99, 66, 65, 51, 50.9, 0]
    }
    assert labels == {
        101: "Sangat Tinggi",
        91: "Sangat Tinggi",
        90.5: "Tinggi",
        76: "Tinggi",
        75.99: "Sedang",
        66: "Sedang",
        65: "Rendah",
        51: "Rendah",
        50.9: "Sangat Rendah",
        0: "Sangat Rendah",
    }
    assert PERMENDAGRI_86_2017.predikat(None) is None
    assert EMPAT_KATEGORI.predikat(100).label == "Sangat Baik"


def test_custom_scale_round_trip_and_validation():
    s = SkalaPredikat.from_dict(PERMENDAGRI_86_2017.to_dict())
    assert s == PERMENDAGRI_86_2017
    with pytest.raises(ValueError, match="menurun"):
        SkalaPredikat.build("x", [(50, "a", "#000"), (60, "b", "#000"), (None, "c", "#000")])
    with pytest.raises(ValueError, match="tanpa batas bawah"):
        SkalaPredikat.build("x", [(50, "a", "#000")])


@given(st.decimals(min_value=-1000, max_value=1000, allow_nan=False, allow_infinity=False))
def test_every_value_gets_exactly_one_category(c):
    assert PERMENDAGRI_86_2017.predikat(c) is not None


def test_serapan_from_the_seeds():
    assert serapan(Decimal("2653931750"), Decimal("2583575055")).teks() == "97,35%"
    assert serapan(Decimal("6254031019"), Decimal("5736636675")).teks() == "91,73%"
    assert serapan(0, 5).nilai is None
    total = jumlahkan([(990000000, 982759400), (40283000, 38767000)])
    assert total.pagu == Decimal(1030283000) and total.sisa == Decimal(8756600)


@given(st.lists(st.tuples(st.integers(0, 10**12), st.integers(0, 10**12)), max_size=30))
def test_rollup_is_exact_decimal(rows):
    total = jumlahkan(rows)
    assert total.pagu == sum(p for p, _ in rows)
    assert total.realisasi == sum(r for _, r in rows)


def test_efficiency_klungkung_row_is_1_09_not_40():
    # Pengukuran Produktivitas: output 100%, input 92,04% → IE 1,09 (printed 40,00)
    hasil = analisis_efisiensi(100, Decimal("92.04"))
    assert round(hasil.indeks, 2) == Decimal("1.09")
    assert round(hasil.tingkat, 2) == Decimal("0.09")
    assert hasil.kesimpulan == "efisien"
    low = analisis_efisiensi(Decimal("44.44"), Decimal("64.01"))
    assert low.kesimpulan == "tidak efisien"
    assert analisis_efisiensi(100, 0).indeks is None
    with pytest.raises(ValueError):
        analisis_efisiensi(1, 1, 0)


@pytest.mark.parametrize(
    "text,canon,tingkat",
    [
        ("2.07.03.2.01.01", "2.07.03.2.01.01", Tingkat.SUB_KEGIATAN),
        ("2 07 03 2.01 01", "2.07.03.2.01.01", Tingkat.SUB_KEGIATAN),
        ("2 07 01 2.06", "2.07.01.2.06", Tingkat.KEGIATAN),
        ("3 32 03", "3.32.03", Tingkat.PROGRAM),
        ("2.07", "2.07", Tingkat.BIDANG),
        ("2", "2", Tingkat.URUSAN),
        ("2.07.01.2.05.0003", "2.07.01.2.05.0003", Tingkat.SUB_KEGIATAN),
    ],
)
def test_parse_kode(text, canon, tingkat):
    k = parse_kode(text)
    assert str(k) == canon and k.tingkat == tingkat


@pytest.mark.parametrize(
    "text",
    ["", "2.7", "2.07.3", "2.07.03.2", "2.07.03.2.1", "9.07", "2..07", "2.07.03.2.01.01.01", "abc"],
)
def test_parse_kode_rejects(text):
    with pytest.raises(KodeError):
        parse_kode(text)


def test_parse_kode_level_check_and_parent():
    with pytest.raises(KodeError, match="kode kegiatan"):
        parse_kode("2.07.03.2.01", harus=Tingkat.SUB_KEGIATAN)
    assert str(parse_kode("2.07.03.2.01.01").induk()) == "2.07.03.2.01"
    assert parse_kode("2.07.01").is_penunjang()


def test_sidik_same_value_same_fingerprint():
    from decimal import Decimal

    from sakip.core.sidik import sidik

    assert sidik(Decimal("1164"), None, " catatan ") == sidik(Decimal("1164.0000"), None, "catatan")
    assert sidik(Decimal("1164"), None) != sidik(None, Decimal("1164"))  # posisi ikut dihitung
    assert sidik(Decimal("1234.5"), places=0) == sidik(
        Decimal("1235"), places=0
    )  # seperti tampilan
    assert sidik(Decimal("1234.4"), places=0) != sidik(Decimal("1235"), places=0)


@given(
    st.sampled_from(["1", "2", "3", "4", "5", "6", "7", "8"]),
    st.integers(1, 44),
    st.integers(1, 20),
    st.integers(1, 2),
    st.integers(1, 30),
    st.integers(1, 99),
)
def test_kunci_nomenklatur_two_and_four_digit_sub_codes_are_one(u, b, p, w, k, s):
    from sakip.core.kode import kunci_nomenklatur, kunci_umum

    dua = f"{u}.{b:02d}.{p:02d}.{w}.{k:02d}.{s:02d}"
    empat = f"{u} {b:02d} {p:02d} {w}.{k:02d} {s:04d}"
    assert (
        kunci_nomenklatur(dua)
        == kunci_nomenklatur(empat)
        == kunci_nomenklatur(kunci_nomenklatur(dua))
    )
    umum = kunci_umum(kunci_nomenklatur(dua))
    assert (umum is not None) == (p == 1)
    if umum:
        assert umum == kunci_nomenklatur("X.XX" + kunci_nomenklatur(dua)[4:])
