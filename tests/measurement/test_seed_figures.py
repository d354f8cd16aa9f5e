"""The seeds' figures, computed by sakip from the data (never copied)."""

from decimal import Decimal

import pytest

from sakip.core.numbers import format_persen
from sakip.measurement.services import pengukuran


def _by_code(rows):
    return {r.indikator.kode: r for r in rows}


@pytest.mark.django_db
def test_denpasar_iku_realisasi_computed_from_raw_counts(denpasar):
    rows = _by_code(pengukuran(denpasar, 2022))
    assert format_persen(rows["S1-1"].realisasi) == "67,57%"  # printed 67%
    assert format_persen(rows["S1-2"].realisasi) == "63,16%"  # printed 63%
    assert format_persen(rows["S2-1"].realisasi) == "61,94%"  # printed 62%
    assert format_persen(rows["S3-1"].realisasi) == "36,36%"  # printed 36%
    assert format_persen(rows["S3-2"].realisasi) == "8,34%"  # printed 8,33% (truncated)
    assert rows["S2-1"].pembilang == 721 and rows["S2-1"].penyebut == 1164


@pytest.mark.django_db
def test_denpasar_capaian_and_predikat(denpasar):
    rows = _by_code(pengukuran(denpasar, 2022))
    assert rows["S1-1"].capaian.teks() == "77,66%"  # 67,57 / 87
    assert rows["S1-1"].predikat.label == "Tinggi"
    assert rows["S3-2"].capaian.teks() == "14,62%"
    assert rows["S3-2"].predikat.label == "Sangat Rendah"
    assert rows["S1-1"].sumber_target == "Renstra"
    # TPT has a target but no realisasi in the report
    assert rows["T1-1"].realisasi is None and rows["T1-1"].capaian.alasan == "realisasi belum diisi"
    # Tabel 3.7: 57 of 54 LPKS is 105,56% (printed 105%), 22 of 35 cases 62,86% (printed 63%)
    assert rows["LPKS-1"].capaian.teks() == "105,56%"
    assert rows["2.07.05.2.02.02-2"].capaian.teks() == "62,86%"
    assert rows["2.07.03.2.01.01-4"].capaian.teks() == "400,00%"


@pytest.mark.django_db
def test_klungkung_capaian(klungkung):
    rows = _by_code(pengukuran(klungkung, 2024))
    tpak = rows["S1-1"]
    assert tpak.sumber_target == "PK" and tpak.target.bawah == Decimal("79.00")
    assert tpak.capaian.teks() == "101,11%"  # printed 187,90
    # lower is better, target 2, realisasi 0: (1 + (1 − 0/2)) × 100% = 200% (printed 100)
    assert rows["S2-1"].capaian.teks() == "200,00%"
    # Program Penempatan: 79,88 of 60,90 = 131,17% (printed correctly)
    assert rows["2.07.04-1"].capaian.teks() == "131,17%"
    # sub kegiatan 2.07.05.2.02.02: 0 of 2 cases resolved is 0% (printed 200)
    assert rows["2.07.05.2.02.02-1"].capaian.teks() == "0,00%"


@pytest.mark.django_db
def test_klungkung_previous_years(klungkung):
    rows = _by_code(pengukuran(klungkung, 2022))
    assert (
        rows["S1-1"].capaian.teks() == "102,65%"
    )  # 79,81 / 77,75 = 102,649… (printed 102,64, truncated)
    rows23 = _by_code(pengukuran(klungkung, 2023))
    assert rows23["S2-1"].capaian.teks() == "150,00%"  # 1 dispute of a target of 2 (printed 100)
