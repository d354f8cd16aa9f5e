"""Nomenklatur berversi (sakip.planning.nomenklatur): versi bawaan Permendagri 90/2019, pilihan
formulir, kode di luar nomenklatur hanya dengan alasan, dan versi baru dari salinan CSV/XLSX."""

import io
import re
from pathlib import Path

import pytest
from openpyxl import Workbook

from sakip.planning import nomenklatur as nom
from sakip.planning import susun
from sakip.planning.models import KodeLuarNomenklatur, NomenklaturVersi, Program

SEEDS = Path(__file__).resolve().parents[2] / "sakip" / "seeds"
KODE = re.compile(r"kode: '?([1-8]\.\d{2}\.\d{2}(?:\.\d\.\d{2}(?:\.\d{2,4})?)?)'?")


def test_the_shipped_version_names_its_source_and_holds_every_urusan(db):
    kat = nom.katalog(2024)
    assert kat.judul.startswith("Permendagri 90/2019")
    assert "irunwazed/sepeda" in kat.sumber
    assert len(kat.entri) == 2556
    bidang = {k.split(".")[0] + "." + k.split(".")[1] for k in kat.entri if not k.startswith("X")}
    assert len(bidang) == 43  # 32 bidang urusan dan 11 unsur (4.01–8.01) kabupaten/kota
    assert (
        kat.nama("1.02.02.2.01.01")
        == "Pembangunan Rumah Sakit beserta Sarana dan Prasarana Pendukungnya"
    )


def test_every_code_printed_in_both_seed_reports_is_in_the_nomenclature(db):
    kat = nom.katalog(2024)
    for nama in ("denpasar-2022.yaml", "klungkung-2024.yaml"):
        kode = set(KODE.findall((SEEDS / nama).read_text(encoding="utf-8")))
        assert len(kode) > 15
        assert [k for k in kode if not kat.ada(k)] == [], nama


def test_pick_lists_follow_the_tree_and_the_shared_penunjang_program(db):
    kat = nom.katalog(2024)
    program = dict(kat.anak("2.07"))
    assert list(program) == ["2.07.01", "2.07.02", "2.07.03", "2.07.04", "2.07.05"]
    assert program["2.07.01"] == "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"
    assert ("2.07.01.2.06", "Administrasi Umum Perangkat Daerah") in kat.anak("2.07.01")
    sub = dict(kat.anak("2.07.04.2.01"))
    assert sub["2.07.04.2.01.05"] == "Perluasan Kesempatan Kerja" and len(sub) == 5
    # 2 atau 4 angka sub kegiatan (Kepmendagri 050-5889/2021) adalah kode yang sama
    assert kat.ada("2.07.04.2.01.0005") and kat.ada("3.32.01.2.06.10")
    assert not kat.ada("2.07.09") and kat.anak("bukan kode") == []


def test_a_code_outside_needs_a_reason_and_is_flagged(operator, opd_baru):
    with pytest.raises(susun.SusunError) as exc:
        susun.tambah_program(
            operator, opd_baru, susun.IsianNomenklatur("2.07.09", "Program Daerah")
        )
    assert "tidak ada dalam nomenklatur Permendagri 90/2019" in exc.value.galat["alasan"]
    assert not Program.objects.exists() and not KodeLuarNomenklatur.objects.exists()
    p = susun.tambah_program(
        operator,
        opd_baru,
        susun.IsianNomenklatur("2.07.09", "Program Daerah", alasan="Perda 3/2024", tahun=2024),
    )
    assert nom.luar_nomenklatur(opd_baru, [p.kode, "2.07.03"], 2024) == {"2.07.09": "Perda 3/2024"}


def test_a_code_in_the_nomenclature_gets_its_name_when_left_blank(operator, opd_baru):
    p = susun.tambah_program(operator, opd_baru, susun.IsianNomenklatur("2.07.04", ""))
    k = susun.tambah_kegiatan(operator, p, susun.IsianNomenklatur("2.07.04.2.01", ""))
    sk = susun.tambah_sub_kegiatan(operator, k, susun.IsianNomenklatur("2.07.04.2.01.05", ""))
    assert (p.nama, k.nama, sk.nama) == (
        "Program Penempatan Tenaga Kerja",
        "Pelayanan Antarkerja di Daerah Kabupaten/Kota",
        "Perluasan Kesempatan Kerja",
    )
    assert not KodeLuarNomenklatur.objects.exists()


def _xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_newer_version_from_a_sipd_workbook_applies_from_its_year(db):
    data = _xlsx(
        [
            ["Ekspor nomenklatur SIPD"],
            ["Kode", "Nomenklatur"],
            ["2", "URUSAN PEMERINTAHAN WAJIB YANG TIDAK BERKAITAN DENGAN PELAYANAN DASAR"],
            ["2.07", "URUSAN PEMERINTAHAN BIDANG TENAGA KERJA"],
            ["X.XX.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"],
            ["2.07.06", "PROGRAM BARU"],
            ["2.07.06.2.01", "Kegiatan Baru"],
            ["2.07.06.2.01.0001", "Sub Kegiatan Baru"],
        ]
    )
    baris = nom.baca_baris(data, "sipd.xlsx")
    assert [b[0] for b in baris] == ["X.XX.01", "2.07.06", "2.07.06.2.01", "2.07.06.2.01.0001"]
    v = nom.muat_versi(baris, "uji-2025", "Kepmendagri Uji", "ekspor SIPD uji", 2025)
    assert nom.katalog(2024).judul.startswith("Permendagri") and nom.katalog(2025).versi_id == v.pk
    kat = nom.katalog(2026)
    assert kat.ada("2.07.06.2.01.01") and not kat.ada("2.07.04") and kat.ada("2.07.01")
    with pytest.raises(nom.NomenklaturError, match="sudah ada"):
        nom.muat_versi(baris, "uji-2025", "Kepmendagri Uji", "ekspor SIPD uji", 2025)
    assert NomenklaturVersi.objects.count() == 2


def test_bad_rows_are_named_and_nothing_is_loaded(db):
    assert nom.katalog(2024) is not None  # versi bawaan (dimuat lagi bila tabelnya dikosongkan)
    csv = (
        b"kode;nama\n2.07.06;Program Baru\n2.07.06.2;Kegiatan setengah\n"
        b"2.07.06.2.01;\n2.07.06;Program Ganda\n"
    )
    with pytest.raises(nom.NomenklaturError) as exc:
        nom.baca_baris(csv, "salah.csv")
    assert exc.value.pesan == [
        "Berkas 'salah.csv', baris 3, kolom 'kode': kode '2.07.06.2' tidak lengkap: kegiatan "
        "ditulis dua bagian, mis. 2.07.03.2.01",
        "Berkas 'salah.csv', baris 4, kolom 'nama': nama untuk kode 2.07.06.2.01 kosong",
        "Berkas 'salah.csv', baris 5: kode 2.07.06 sudah ada di baris 2",
    ]
    with pytest.raises(nom.NomenklaturError, match="kolom 'kode' dan 'nama'"):
        nom.baca_baris(b"a,b\n1,2\n", "tanpa-judul.csv")
    with pytest.raises(nom.NomenklaturError, match="bukan tabel"):
        nom.baca_baris(b"%PDF-1.7 ...", "laporan.csv")
    assert NomenklaturVersi.objects.count() == 1


def test_an_emptied_database_gets_the_shipped_version_back(db):
    NomenklaturVersi.objects.all().delete()  # mis. sesudah dikosongkan, atau cadangan lama
    kat = nom.katalog(2024)
    assert kat.judul.startswith("Permendagri 90/2019") and len(kat.entri) == 2556


def test_the_command_names_the_bad_row_and_loads_nothing(db, tmp_path):
    from django.core.management import CommandError, call_command

    f = tmp_path / "n.csv"
    f.write_text("kode,nama\n2.07.06,Program Baru\n2.07.06.2,Setengah\n", encoding="utf-8")
    args = ["nomenklatur", "muat", str(f), "--kode", "uji", "--judul", "Uji", "--sumber", "uji"]
    with pytest.raises(CommandError, match="baris 3, kolom 'kode'"):
        call_command(*args, "--berlaku-mulai", "2026")
    f.write_text("kode,nama\n2.07.06,Program Baru\n", encoding="utf-8")
    with pytest.raises(CommandError, match="antara 2000 dan 2100"):
        call_command(*args)
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("nomenklatur", "muat", str(tmp_path / "tidak-ada.csv"))
    assert not NomenklaturVersi.objects.filter(kode="uji").exists()
