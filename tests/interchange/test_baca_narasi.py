"""Reading the narrative of a printed report: sentences that state a figure or a verdict become
printed claims with their chapter and place; names without codes find their nomenclature code."""

import pytest

from sakip.core.kode import Tingkat
from sakip.interchange.baca.narasi import IndikatorDikenal, baca_narasi, kalimat
from sakip.interchange.baca.naskah import baca_naskah
from sakip.interchange.baca.nomenklatur import Nomenklatur

IND = [
    IndikatorDikenal("S1-1", "Tingkat Partisipasi Angkatan Kerja (TPAK)", "%", "Terserapnya"),
    IndikatorDikenal("S2-1", "Jumlah perselisihan hubungan industrial", "Perselisihan", "Harmoni"),
    IndikatorDikenal("S3-1", "Besaran Pencari Kerja yang Terdaftar yang Ditempatkan", "Persen"),
]
BIDANG = {"2.07": "Urusan Pemerintahan Bidang Tenaga Kerja", "3.32": "Bidang Transmigrasi"}


def _klaim(teks: str, tahun: int = 2024):
    naskah = baca_naskah(teks.encode(), "laporan.txt")
    h = baca_narasi(naskah, tahun, IND, BIDANG)
    return [(e["lokasi"], e["objek"], e["atribut"], e["teks"]) for e in h.tercetak], h


def test_counts_with_their_qualifier_and_bidang():
    klaim, _ = _klaim(
        "IKHTISAR EKSEKUTIF\n"
        "Pada tahun 2024 Dinas melaksanakan 5 ( lima ) program dengan 12 ( duabelas) kegiatan dan "
        "16 ( enam belas) Sub Kegiatan.\n"
        "Urusan Pemerintahan Bidang Ketenagakerjaan yang mencapai 91,98 % yang didukung 4 program "
        "dengan 12 kegiatan dan 22 Sub Kegiatan.\n"
        "Dari 5 program terdapat 6 Kegiatan dan 8 Sub kegiatan yang realisasinya mencapai kurang "
        "dari 70 % yaitu di Program Penempatan.\n"
        "Efisiensi didukung 4 program sebesar 0,23 % tergolong efisien sedangkan ada 1 Program yang "
        "tidak efisien.\n"
        "Dari 41 program, kegiatan dan sub kegiatan yang dianalisis, 4 tergolong tidak efisien.\n"
    )
    assert [(o, t) for _, o, a, t in klaim if a == "jumlah"] == [
        ("hitungan:program", "5"),
        ("hitungan:kegiatan", "12"),
        ("hitungan:sub_kegiatan", "16"),
        ("hitungan:program:2.07", "4"),
        ("hitungan:kegiatan:2.07", "12"),
        ("hitungan:sub_kegiatan:2.07", "22"),
        ("hitungan:program", "5"),
        ("hitungan:kegiatan_serapan_di_bawah_70", "6"),
        ("hitungan:sub_kegiatan_serapan_di_bawah_70", "8"),
        # "4 program sebesar 0,23 %" is not a plain count: not read as one
        ("hitungan:program_tidak_efisien", "1"),
        # "41 program, kegiatan dan sub kegiatan": a count of all levels together, and the
        # "tidak efisien" after it belongs to the 4 — neither is read as a count of programs
    ]
    assert all(lokasi.startswith("Ikhtisar Eksekutif, baris ") for lokasi, *_ in klaim)


def test_budget_totals_and_average_capaian():
    klaim, _ = _klaim(
        "BAB III AKUNTABILITAS KINERJA\n"
        "3.2. Realisasi Anggaran\n"
        "Pada tahun 2024 dengan anggaran sebesar Rp. 6.214.545.759,00 (enam milyar).\n"
        "Capaian realisasi anggaran Disnaker Kab. Klungkung Tahun 2024 adalah sebesar 92,98 %.\n"
        "Dari 3 program yang dilaksanakan sudah mencapai daya serap keuangan sebesar 97 %.\n"
        "Terdapat 6 (enam) kegiatan yang daya serap keuangannya rata-rata diatas 90%\n"
        "Capaian kinerja adalah di Program sebesar 106,23 %, di Kegiatan sebesar 109,86 % dan di "
        "Sub Kegiatan sebesar 107,21 %.\n"
    )
    rows = [(o, a, t) for _, o, a, t in klaim]
    assert ("anggaran:jumlah", "pagu", "Rp. 6.214.545.759,00") in rows
    assert ("anggaran:jumlah", "serapan", "92,98 %") in rows
    assert ("anggaran:jumlah", "serapan", "97 %") in rows
    # "rata-rata diatas 90%" is the condition of a count, not the serapan of the OPD
    assert ("anggaran:jumlah", "serapan", "90%") not in rows
    assert ("hitungan:kegiatan_serapan_di_atas_90", "jumlah", "6") in rows
    assert [r for r in rows if r[1] == "rata_rata_capaian"] == [
        ("hitungan:program", "rata_rata_capaian", "106,23 %"),
        ("hitungan:kegiatan", "rata_rata_capaian", "109,86 %"),
        ("hitungan:sub_kegiatan", "rata_rata_capaian", "107,21 %"),
    ]
    assert klaim[0][0] == "Bab III 3.2. Realisasi Anggaran, baris 3"


def test_indicator_figures_and_verdicts():
    klaim, _ = _klaim(
        "BAB III\n"
        "Capaian kinerja tingkat partisipasi angkatan kerja mencapai 181,67 % di Tahun 2023 dan "
        "melebihi target.\n"
        "Persentase penempatan pencari kerja terdaftar yang ditempatkan sebesar 62%.\n"
        "Jumlah perselisihan hubungan industrial belum mencapai target.\n"
        "Pada tahun 2024 realisasi indikator Tingkat Partisipasi Angkatan Kerja (TPAK) sebesar "
        "79,88%. Terhadap target 79%, capaiannya 101,11%, melampaui target.\n"
        "Secara umum Dinas telah berhasil melaksanakan tugasnya sesuai target kinerja.\n"
        "Capaian kinerja terhadap target renstra sebesar 100 % dari yang ditargetkan.\n"
    )
    rows = [(o, a, t) for _, o, a, t in klaim]
    assert rows == [
        ("indikator:S1-1", "capaian", "181,67 %"),
        ("indikator:S1-1", "penilaian", "melampaui target"),
        # a percentage indicator: the figure in words is its realisasi
        ("indikator:S3-1", "realisasi", "62%"),
        ("indikator:S2-1", "penilaian", "tidak tercapai"),
        ("indikator:S1-1", "realisasi", "79,88%"),
        # "capaiannya" refers to the indicator of the sentence just before
        ("indikator:S1-1", "capaian", "101,11%"),
        ("indikator:S1-1", "penilaian", "melampaui target"),
        ("penilaian:opd", "penilaian", "berhasil"),
    ]


def test_the_year_after_the_figure_is_its_period_and_unplaced_sentences_are_listed():
    naskah = baca_naskah(
        b"BAB III\nCapaian kinerja tingkat partisipasi angkatan kerja mencapai 181,67 % di Tahun "
        b"2023.\nCapaian terhadap target renstra diharapkan mencapai 100% pada akhir renstra.\n",
        "l.txt",
    )
    h = baca_narasi(naskah, 2024, IND, BIDANG)
    assert h.tercetak[0]["periode"] == 2023
    assert h.tercetak[0]["catatan"].startswith('"Capaian kinerja tingkat')
    assert h.tidak_terbaca == [
        'Bab III, baris 3: kalimat berangka tidak dapat ditempatkan: "Capaian terhadap target '
        'renstra diharapkan mencapai 100% pada akhir renstra."'
    ]


def test_sentences_split_at_full_stops_not_after_abbreviations():
    assert kalimat("Dinas Kab. Klungkung sebesar Rp. 5.000. Lalu • butir satu • butir dua") == [
        "Dinas Kab. Klungkung sebesar Rp. 5.000.",
        "Lalu",
        "butir satu",
        "butir dua",
    ]


@pytest.mark.django_db
def test_nomenclature_finds_codes_by_name():
    n = Nomenklatur.muat()
    # the same name written differently (Kab/Kota, lower case, a space)
    assert n.cari("Pelayanan antar kerja di Daerah Kab/Kota", Tingkat.KEGIATAN) == "2.07.04.2.01"
    assert n.cari("Pengelolaan informasi pasar kerja", Tingkat.KEGIATAN) == "2.07.04.2.03"
    # a name cut off at the end of its cell
    assert (
        n.cari(
            "Pengesahan peraturan perusahaan dan pendaftaran perjanjian kerja bersama untuk "
            "perusahaan yang hanya beroperasi dalam 1 (",
            Tingkat.KEGIATAN,
        )
        == "2.07.05.2.01"
    )
    # a sub kegiatan under its kegiatan
    assert (
        n.cari("Pengukuran Kompetensi dan Produktivitas Tenaga Kerja", Tingkat.SUB_KEGIATAN)
        == "2.07.03.2.05.01"
    )
    # the level matters, and an unknown name is not guessed
    assert n.cari("Pelayanan antar kerja di Daerah Kab/Kota", Tingkat.SUB_KEGIATAN) is None
    assert n.cari("JOB Fair/ Bursa Kerja", Tingkat.SUB_KEGIATAN) is None
    assert n.nama["2.07.04"] == "Program Penempatan Tenaga Kerja"


@pytest.mark.django_db
def test_nomenclature_also_knows_the_codes_already_in_sakip(klungkung):
    from sakip.planning.models import SubKegiatan

    sk = SubKegiatan.objects.filter(kode__startswith="2.07").first()
    sk.nama = "Nama Sub Kegiatan Khusus Pemda Ini"
    sk.save()
    assert Nomenklatur.muat().cari("nama sub kegiatan khusus pemda ini") == sk.kode
