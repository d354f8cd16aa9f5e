"""Tabel unggahan (sakip.berkas.tabel): CSV berpemisah apa pun atau lembar pertama .xlsx, berbatas."""

import io

import pytest
from openpyxl import Workbook

from sakip.berkas import BerkasError
from sakip.berkas.tabel import MAKS_BYTE, baca_tabel

pytestmark = pytest.mark.sekali  # tanpa basis data: CI menjalankannya sekali


def test_csv_with_semicolons_comments_and_a_windows_encoding():
    data = "# ekspor\nKode;Uraian;Pagu\n2.07.04.2.01.05;Perluasan Kesempatan Kerja;1.250.000\n"
    assert baca_tabel(data.encode("cp1252"), "dpa.csv") == [
        ("Kode", "Uraian", "Pagu"),
        ("2.07.04.2.01.05", "Perluasan Kesempatan Kerja", "1.250.000"),
    ]


def test_the_first_sheet_of_a_workbook_whatever_its_name():
    wb = Workbook()
    wb.active.title = "DPA SKPD"
    wb.active.append(["Kode", "Pagu"])
    wb.active.append(["2.07.04", 1250000])
    wb.create_sheet("Lain").append(["x"])
    buf = io.BytesIO()
    wb.save(buf)
    assert baca_tabel(buf.getvalue(), "dpa.xlsx") == [("Kode", "Pagu"), ("2.07.04", 1250000)]


@pytest.mark.parametrize(
    "data, pesan",
    [
        (b"", "kosong"),
        (b"%PDF-1.7\n", "bukan tabel"),
        (b"\x00\x01\x02kode", "biner"),
        (b"PK\x03\x04rusak", "rusak"),
        (b"k" * (MAKS_BYTE + 1), "paling besar"),
    ],
)
def test_what_is_not_a_table_is_named(data, pesan):
    with pytest.raises(BerkasError, match=pesan):
        baca_tabel(data, "x.csv")


def test_too_many_rows_is_refused():
    data = ("a,b\n" * 30).encode()
    with pytest.raises(BerkasError, match="lebih dari 20 baris"):
        baca_tabel(data, "x.csv", maks_baris=20)
