"""LKE scoring in the core: bounds, weights, monotone in every answer, predikat scale, template errors."""

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip.core.lke import JawabanError, TemplatError, baca_templat, nilai_lke, predikat_untuk

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
