"""Formulir halaman: angka cara Indonesia lewat AngkaField (inti core.numbers), dan formulir
realisasi yang membangun masukan bertipe layanan serta memetakan galat layanan ke medannya."""

from decimal import Decimal

import pytest
from django import forms

from sakip.measurement import entry
from sakip.planning.models import Indikator
from sakip.web.formulir import AngkaField
from sakip.web.formulir.realisasi import FormRealisasi


class _F(forms.Form):
    x = AngkaField()


@pytest.mark.parametrize(
    "teks,nilai",
    [
        ("1.164", Decimal("1164")),
        ("8,33", Decimal("8.33")),
        ("Rp2.653.931.750", Decimal("2653931750")),
        ("", None),
    ],
)
def test_indonesian_numbers_are_read_by_the_core(teks, nilai):
    f = _F({"x": teks})
    assert f.is_valid() and f.cleaned_data["x"] == nilai


def test_text_in_a_number_field_is_one_indonesian_sentence():
    f = _F({"x": "delapan"})
    assert not f.is_valid()
    assert f.errors["x"] == ["'delapan' bukan angka (contoh: 1.164 atau 8,33)"]
    assert not _F({"x": "9" * 200}).is_valid()


@pytest.mark.django_db
def test_realisasi_form_builds_typed_input_and_maps_service_errors(denpasar):
    rumus = next(i for i in Indikator.objects.filter(opd=denpasar) if i.is_rumus)
    i = rumus.id
    form = FormRealisasi(
        [rumus], {f"p-{i}": "721", f"q-{i}": "0", f"v-{i}": "3", f"c-{i}": " catatan "}
    )
    assert form.is_valid()
    (masukan,) = form.isian()
    assert masukan == entry.IsianRealisasi(
        i, pembilang=Decimal(721), penyebut=Decimal(0), catatan=" catatan ", versi=3
    )
    with pytest.raises(entry.IsianError) as e:
        entry.baca_isian([rumus], form.isian())
    assert e.value.galat == {entry.kunci(i, "penyebut"): f"Penyebut “{rumus.nama}” tidak boleh nol"}
    assert form.galat(e.value.galat) == {f"q-{i}": f"Penyebut “{rumus.nama}” tidak boleh nol"}
    rusak = FormRealisasi([rumus], {f"p-{i}": "tujuh", f"q-{i}": "1.164", f"v-{i}": "x"})
    assert not rusak.is_valid()
    g = rusak.galat()
    assert "'tujuh' bukan angka" in g[f"p-{i}"] and "bukan bilangan bulat" in g[f"v-{i}"]


@pytest.mark.django_db
def test_realisasi_rows_too_long_or_with_nul_are_named_per_field(denpasar):
    """Baris dibaca tanpa medan Django per indikator, tetapi batasnya sama: catatan > 4.000 huruf,
    sidik > 200, NUL — galat pada nama medan barisnya, baris lain tetap terbaca."""
    a, b = Indikator.objects.filter(opd=denpasar).order_by("pk")[:2]
    form = FormRealisasi(
        [a, b],
        {
            f"c-{a.id}": "x" * 4001,
            f"h-{a.id}": "h" * 201,
            f"n-{b.id}": "1.164",
            f"c-{b.id}": "ada\x00nul",
            f"y-{b.id}": "on",
        },
    )
    assert not form.is_valid()
    g = form.galat()
    assert "4000" in g[f"c-{a.id}"] and "200" in g[f"h-{a.id}"] and f"c-{b.id}" in g
    baris_b = {m.indikator_id: m for m in form.isian()}[b.id]
    assert baris_b.nilai == Decimal(1164) and baris_b.yakin
