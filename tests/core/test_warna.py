"""Warna teks lencana predikat (sakip.core.warna): selalu kontras AA (≥ 4,5:1) di atas warna skala
bawaan, dan di atas warna apa pun sebaik pilihan terbaiknya."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.core.predikat import EMPAT_KATEGORI, PERMENDAGRI_86_2017
from sakip.core.warna import GELAP, TERANG, kontras, warna_teks

pytestmark = pytest.mark.sekali  # tanpa basis data: CI menjalankannya sekali


def test_skala_bawaan_terbaca():
    for skala in (PERMENDAGRI_86_2017, EMPAT_KATEGORI):
        for k in skala.kategori:
            assert kontras(k.warna, warna_teks(k.warna)) >= 4.5, (k.label, k.warna)


@given(st.integers(min_value=0, max_value=0xFFFFFF))
def test_pilihan_terbaik_untuk_warna_apa_pun(n):
    w = f"#{n:06x}"
    t = warna_teks(w)
    assert kontras(w, t) == max(kontras(w, TERANG), kontras(w, GELAP))
    assert kontras(w, t) >= 4.5 or max(kontras(w, TERANG), kontras(w, GELAP)) < 4.5


def test_warna_tak_terbaca_menjadi_gelap():
    assert warna_teks("merah") == GELAP
