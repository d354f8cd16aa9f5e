from decimal import Decimal

import pytest

from sakip.budget.services import rekap_anggaran
from sakip.core.numbers import format_angka


@pytest.mark.django_db
def test_denpasar_tabel_3_8_totals(denpasar):
    root = rekap_anggaran(denpasar, 2022)
    assert format_angka(root.jumlah.pagu, 0) == "2.653.931.750"
    assert format_angka(root.jumlah.realisasi, 0) == "2.583.575.055"
    assert root.jumlah.serapan.teks() == "97,35%"
    kegiatan = [n for n in root.iter() if n.tingkat == "kegiatan"]
    assert len(kegiatan) == 9
    assert {n.kode: n.jumlah.serapan.teks() for n in kegiatan}[
        "2.07.04.2.02"
    ] == "66,88%"  # printed 67%
    assert sum(1 for n in kegiatan if n.jumlah.serapan.nilai > 90) == 6  # "6 kegiatan di atas 90%"


@pytest.mark.django_db
def test_klungkung_rollup_from_sub_kegiatan(klungkung):
    root = rekap_anggaran(klungkung, 2024)
    # the rows of the appendix add up to this, not to the printed 6.254.031.019 / 5.736.636.675
    assert root.jumlah.pagu == Decimal("6253600939")
    assert root.jumlah.realisasi == Decimal("5736656695")
    assert root.jumlah.serapan.teks() == "91,73%"
    assert [n.kode for n in root.anak] == ["2", "3"]
    assert root.cari("3.32").jumlah.serapan.teks() == "51,34%"
    assert root.cari("2.07.04").jumlah.pagu == Decimal(
        "984481360"
    )  # agrees with the printed program row
    assert root.cari("2.07.01").jumlah.pagu == Decimal("4434058809")  # printed 4.434.468.359
    assert root.cari("2.07.01.2.02").jumlah.pagu == Decimal("3840651531")  # printed 3.541.251.611
    assert len([n for n in root.iter() if n.tingkat == "sub_kegiatan"]) == 23
