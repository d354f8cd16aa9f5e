"""LKE scoring in the core: bounds, weights, monotone in every answer, predikat scale, template errors."""

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip.core.lke import JawabanError, TemplatError, baca_templat, nilai_lke, predikat_untuk

pytestmark = pytest.mark.sekali  # tanpa basis data: CI menjalankannya sekali

BERKAS = Path(__file__).parents[2] / "sakip/evaluation/lke/permenpan-88-2021.yaml"
DATA = yaml.safe_load(BERKAS.read_text("utf-8"))
T = baca_templat(DATA)
KRITERIA = [c for _, _, c in T.semua_kriteria()]


def jawaban_strategi():
    return st.fixed_dictionaries({c.kode: st.sampled_from([None, *T.pilihan(c)]) for c in KRITERIA})


def test_template_structure_follows_permenpan_88_2021():
    assert [(k.nama, k.bobot) for k in T.komponen] == [
        ("Perencanaan Kinerja", 30),
        ("Pengukuran Kinerja", 30),
        ("Pelaporan Kinerja", 15),
        ("Evaluasi Akuntabilitas Kinerja Internal", 25),
    ]
    for k in T.komponen:
        # keberadaan 20%, kualitas 30%, pemanfaatan 50% of the component's weight
        assert [(s.jenis, s.bobot) for s in k.sub] == [
            ("keberadaan", k.bobot * Decimal("0.2")),
            ("kualitas", k.bobot * Decimal("0.3")),
            ("pemanfaatan", k.bobot * Decimal("0.5")),
        ]
    assert len(KRITERIA) == 80
    assert sum(k.bobot for k in T.komponen) == 100


@settings(max_examples=60, deadline=None)
@given(jawaban_strategi())
def test_score_is_between_0_and_100_and_components_add_up(jawaban):
    h = nilai_lke(T, jawaban)
    assert 0 <= h.nilai <= 100
    assert h.nilai == sum(k.nilai for k in h.komponen)
    for nk in h.komponen:
        assert 0 <= nk.nilai <= nk.komponen.bobot
        assert nk.nilai == sum(s.nilai for s in nk.sub)
    assert set(h.belum_dijawab) == {k for k, v in jawaban.items() if v is None}


@settings(max_examples=60, deadline=None)
@given(jawaban_strategi(), st.sampled_from(KRITERIA), st.data())
def test_score_is_monotone_in_every_answer(jawaban, kr, data):
    skala = T.skala[kr.jawaban]
    lebih = data.draw(st.sampled_from(list(skala)))
    sebelum = jawaban.get(kr.kode)
    if sebelum is not None and skala[lebih] < skala[sebelum]:
        lebih, sebelum = sebelum, lebih
    a = nilai_lke(T, {**jawaban, kr.kode: sebelum})
    b = nilai_lke(T, {**jawaban, kr.kode: lebih})
    assert b.nilai >= a.nilai


def test_all_best_is_100_and_AA_none_is_0_and_D():
    best = nilai_lke(T, {c.kode: T.pilihan(c)[0] for c in KRITERIA})
    assert best.nilai == 100 and best.predikat.predikat == "AA" and best.lengkap
    none = nilai_lke(T, {})
    assert none.nilai == 0 and none.predikat.predikat == "D" and len(none.belum_dijawab) == 80


@pytest.mark.parametrize(
    "nilai,predikat",
    [
        ("100", "AA"),
        ("90.01", "AA"),
        ("90", "A"),
        ("80.5", "A"),
        ("80", "BB"),
        ("70", "B"),
        ("60", "CC"),
        ("50", "C"),
        ("30.01", "C"),
        ("30", "D"),
        ("0", "D"),
    ],
)
def test_predikat_boundaries(nilai, predikat):
    assert predikat_untuk(T, Decimal(nilai)).predikat == predikat


def test_one_sub_component_exactly():
    # 1.a: 7 criteria Y/T, weight 6: four Y → 6 × 4/7
    j = {c.kode: "Y" for c in T.komponen[0].sub[0].kriteria[:4]}
    h = nilai_lke(T, j)
    assert h.komponen[0].sub[0].nilai == Decimal(6) * 4 / 7
    # 1.b: A, B, C, D, E… 10 criteria weight 9: one A and one C → 9 × 1.5/10
    h = nilai_lke(T, {"1.b.1": "A", "1.b.2": "C"})
    assert h.komponen[0].sub[1].nilai == Decimal("1.35")


def test_answer_outside_the_scale_is_refused():
    with pytest.raises(JawabanError, match="kriteria 1.a.1: jawaban 'B' tidak sah; pilihan: Y, T"):
        nilai_lke(T, {"1.a.1": "B"})


def test_percent_to_answer_uses_the_template_thresholds():
    ae, yt = T.kriteria("1.b.5"), T.kriteria("1.a.3")
    got = [T.jawaban_dari_persen(ae, Decimal(x)) for x in (100, 91, 90, 71, 70, 51, 31, 30, 0)]
    assert got == ["A", "A", "B", "B", "C", "C", "D", "E", "E"]
    assert [T.jawaban_dari_persen(yt, Decimal(x)) for x in (100, 99)] == ["Y", "T"]


def _salah(**ubah):
    data = yaml.safe_load(BERKAS.read_text("utf-8"))
    for path, v in ubah.items():
        node = data
        keys = path.split("__")
        for k in keys[:-1]:
            node = node[int(k)] if k.isdigit() else node[k]
        node[int(keys[-1]) if keys[-1].isdigit() else keys[-1]] = v
    return data


@pytest.mark.parametrize(
    "ubah,pesan",
    [
        ({"komponen__0__bobot": 31}, "jumlah bobot komponen 101, seharusnya 100"),
        (
            {"komponen__0__sub__0__bobot": 7},
            "komponen 1: jumlah bobot sub komponen 31 ≠ bobot komponen 30",
        ),
        (
            {"komponen__0__sub__0__kriteria__0__jawaban": "xy"},
            "kriteria 1.a.1: jenis jawaban 'xy' tidak dikenal",
        ),
        (
            {"komponen__0__sub__0__kriteria__1__kode": "1.a.1"},
            "kriteria 1.a.1: kode dipakai lebih dari sekali",
        ),
        (
            {"komponen__0__sub__0__kriteria__0__bobot": "berat"},
            "kriteria 1.a.1: bobot: 'berat' bukan angka",
        ),
        (
            {"komponen__0__sub__0__kriteria__0__bobot": 0},
            "kriteria 1.a.1: bobot harus lebih dari 0",
        ),
        ({"predikat__0__lebih_dari": 10}, "ambang predikat harus berurutan"),
        (
            {"komponen__0__sub__1__kriteria__0__panduan": {"Z": "x"}},
            "panduan untuk jawaban yang tidak ada: Z",
        ),
    ],
)
def test_invalid_template_names_the_place(ubah, pesan):
    with pytest.raises(TemplatError) as e:
        baca_templat(_salah(**ubah))
    assert any(pesan in g for g in e.value.galat), e.value.galat


# --- issue 32: scales and bands as template data, the AA–E variant, logic between answers ---------

VARIAN = baca_templat(yaml.safe_load(BERKAS.with_name("permenpan-88-2021-aa.yaml").read_text()))


def test_the_aa_variant_has_the_same_criteria_and_the_aa_scale():
    assert [(c.kode, c.teks) for _, _, c in VARIAN.semua_kriteria()] == [
        (c.kode, c.teks) for c in KRITERIA
    ]
    assert {k: float(v) for k, v in VARIAN.skala["aa"].items()} == {
        "AA": 1,
        "A": 0.9,
        "BB": 0.8,
        "B": 0.7,
        "CC": 0.6,
        "C": 0.5,
        "D": 0.3,
        "E": 0,
    }
    best = nilai_lke(VARIAN, {c.kode: VARIAN.pilihan(c)[0] for _, _, c in VARIAN.semua_kriteria()})
    assert best.nilai == 100 and best.predikat.predikat == "AA"
    # every quality criterion answered A (90) and every Y/T answered Y: 30·0,2·… → 92 exactly
    semua_a = {c.kode: ("A" if c.jawaban == "aa" else "Y") for _, _, c in VARIAN.semua_kriteria()}
    assert nilai_lke(VARIAN, semua_a).nilai == Decimal("92.0")


@pytest.mark.parametrize(
    "persen,jawaban",
    [
        (100, "AA"),
        (96, "AA"),
        (95, "A"),
        (88, "A"),
        (76, "BB"),
        (70, "B"),
        (60, "CC"),
        (45, "C"),
        (20, "D"),
        (15, "E"),
        (0, "E"),
    ],
)
def test_a_percentage_becomes_the_nearest_answer_of_the_aa_scale(persen, jawaban):
    kr = VARIAN.kriteria("1.c.3")
    assert VARIAN.jawaban_dari_persen(kr, Decimal(persen)) == jawaban


def test_a_logic_rule_caps_the_answers_it_names_and_says_why():
    best = {c.kode: T.pilihan(c)[0] for c in KRITERIA}
    tanpa_pk = {**best, "1.a.4": "T"}
    h = nilai_lke(T, tanpa_pk)
    assert set(h.dibatasi) == {"1.b.1", "1.b.2", "1.b.7", "1.b.8"}
    b = h.dibatasi["1.b.7"]
    assert (b.aturan.kode, b.jawaban, b.nilai, b.aturan.paling_tinggi) == (
        "L1",
        "A",
        Decimal("0.5"),
        "C",
    )
    # 1.a.4 itself: 6/7 of 1.a; four of ten 1.b criteria at half value
    sub_1a = Decimal(6) * Decimal(6) / Decimal(7)
    sub_1b = Decimal(9) * (Decimal(6) + Decimal(4) * Decimal("0.5")) / Decimal(10)
    assert h.komponen[0].sub[0].nilai == sub_1a
    assert h.komponen[0].sub[1].nilai == sub_1b
    # an answer already at or below the cap is not "capped"
    assert "1.b.7" not in nilai_lke(T, {**tanpa_pk, "1.b.7": "D"}).dibatasi
    # with the PK present nothing is capped
    assert nilai_lke(T, best).dibatasi == {}


@pytest.mark.parametrize(
    "logika,pesan",
    [
        (
            [
                {
                    "kode": "X",
                    "jika": {"kriteria": "9.z", "jawaban": ["T"]},
                    "maka": {"kriteria": ["1.b.1"], "paling_tinggi": "C"},
                }
            ],
            "logika X: kriteria '9.z' tidak ada",
        ),
        (
            [
                {
                    "kode": "X",
                    "jika": {"kriteria": "1.a.4", "jawaban": ["Q"]},
                    "maka": {"kriteria": ["1.b.1"], "paling_tinggi": "C"},
                }
            ],
            "logika X: jawaban Q tidak sah untuk kriteria 1.a.4",
        ),
        (
            [
                {
                    "kode": "X",
                    "jika": {"kriteria": "1.a.4", "jawaban": ["T"]},
                    "maka": {"kriteria": ["1.a.5"], "paling_tinggi": "C"},
                }
            ],
            "logika X: batas 'C' bukan jawaban kriteria 1.a.5",
        ),
        (
            [
                {
                    "kode": "X",
                    "jika": {"kriteria": "1.a.4", "jawaban": ["T"]},
                    "maka": {"kriteria": ["1.b.1"], "paling_tinggi": "C"},
                    "sebab": "?",
                }
            ],
            "logika X: kunci tidak dikenal: 'sebab'",
        ),
    ],
)
def test_a_wrong_logic_rule_is_refused_naming_it(logika, pesan):
    with pytest.raises(TemplatError) as e:
        baca_templat({**DATA, "logika": logika})
    assert any(g.startswith(pesan) for g in e.value.galat), e.value.galat
