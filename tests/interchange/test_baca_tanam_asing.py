"""Planted errors in layouts sakip did not write (issue 31): the two real reports' texts, with one
printed figure changed each time (the layout kept) → reading and reviewing the text gives exactly
one new critical/warning finding, by the rule that checks that figure, at the changed place. The
errors the reports already carry are the baseline; "new" compares rule and printed figures, as
`make bench-baca` does."""

import re

import pytest

from sakip.interchange.baca import baca_laporan
from sakip.interchange.baca.layanan import reviu_terpisah
from sakip.paths import SEEDS_DIR

pytestmark = pytest.mark.django_db

# (seed text, printed text, changed to, the rule that must find it, where it is printed)
TANAM = [
    # the PK table (Tabel 2.3), which used to be "belum dikenali"
    (
        "klungkung-2024",
        "Tingkat Partisipasi Angkatan Kerja\t79,00 %",
        "Tingkat Partisipasi Angkatan Kerja\t80,00 %",
        "TGT-01",
        "Tabel 2.3",
    ),
    # a Renstra target for the report year that conflicts with the PK and the measurement tables
    (
        "klungkung-2024",
        "78,99 %\t79,00 %\t79,01 %",
        "78,99 %\t80,00 %\t79,01 %",
        "REN-04",
        "Tabel 2.2",
    ),
    # a count in a Bab III sentence
    (
        "klungkung-2024",
        "dan 23 Sub Kegiatan terdapat",
        "dan 24 Sub Kegiatan terdapat",
        "HIT-01",
        "Bab III",
    ),
    # the serapan of a sub kegiatan row against its own pagu and realisasi
    (
        "klungkung-2024",
        "3.295.050,00\t2.734.000,00\t83,13",
        "3.295.050,00\t2.734.000,00\t73,13",
        "ANG-02",
        "baris 644",
    ),
    # a per-program kegiatan count in Bab III ("Program … dengan 3 Kegiatan")
    (
        "denpasar-2022",
        "Tenaga Kerja dengan 3 Kegiatan",
        "Tenaga Kerja dengan 5 Kegiatan",
        "HIT-01",
        "Bab III",
    ),
    # a measurement table's target that conflicts with the Renstra table of the same year
    (
        "denpasar-2022",
        "Besaran Tenaga Kerja Yang Mendapat Pelatihan Kewirausahaan\t88%",
        "Besaran Tenaga Kerja Yang Mendapat Pelatihan Kewirausahaan\t85%",
        "TGT-01",
        "Tabel 3.1",
    ),
]


def _kunci(aturan: str, tercetak: str) -> tuple:
    if aturan == "KON-01":
        tercetak = "; ".join(x.rpartition(": ")[2] for x in tercetak.split("; "))
    return aturan, tuple(sorted(set(re.findall(r"\d[\d.,]*\d|\d", tercetak))))


def _temuan(teks: str, nama: str) -> dict[tuple, object]:
    hasil = baca_laporan(teks.encode("utf-8"), nama)
    return {
        _kunci(t.aturan, t.tercetak): t
        for t in reviu_terpisah(hasil.teks, nama)
        if t.tingkat != "info"
    }


@pytest.mark.parametrize(
    "seed,asli,ganti,aturan,tempat", TANAM, ids=[f"{x[0]}-{x[3]}" for x in TANAM]
)
def test_one_planted_error_in_a_foreign_layout_is_one_new_finding(
    seed, asli, ganti, aturan, tempat
):
    nama = f"{seed}.txt"
    teks = (SEEDS_DIR / "teks" / nama).read_text("utf-8")
    assert teks.count(asli) == 1, asli
    awal = _temuan(teks, nama)
    baru = _temuan(teks.replace(asli, ganti), nama)
    tambah = [f"{t.aturan} {t.lokasi}: {t.tercetak}" for k, t in baru.items() if k not in awal]
    assert len(tambah) == 1, tambah
    t = next(t for k, t in baru.items() if k not in awal)
    assert (t.aturan, tempat in t.lokasi) == (aturan, True), tambah


def test_the_reading_report_lists_two_printed_targets_for_one_indicator_year():
    nama = "klungkung-2024.txt"
    teks = (SEEDS_DIR / "teks" / nama).read_text("utf-8")
    asli = baca_laporan(teks.encode("utf-8"), nama)
    assert asli.berselisih == []
    hasil = baca_laporan(
        teks.replace("78,99 %\t79,00 %\t79,01 %", "78,99 %\t80,00 %\t79,01 %").encode("utf-8"),
        nama,
    )
    assert len(hasil.berselisih) == 1
    baris = hasil.berselisih[0]
    assert baris.startswith("target Tingkat Partisipasi Angkatan Kerja tahun 2024: Tabel 2.2")
    assert "(Renstra): 80,00 %" in baris and "(PK): 79,00 %" in baris
    assert baris.endswith("target Renstra di draf 80, target PK 79")
    # the draft keeps both: the Renstra's own target and the PK's, never one over the other
    ind = hasil.draf["renstra"]["tujuan"][0]["sasaran"]
    tpak = next(
        i
        for s in ind
        for i in s["indikator"]
        if i["nama"].startswith("Tingkat Partisipasi Angkatan Kerja") and "BPS" not in i["nama"]
    )
    assert tpak["target"][2024] == 80
    pk = hasil.draf["perjanjian_kinerja"][0]["indikator"]
    assert next(x["target"] for x in pk if x["indikator"] == tpak["kode"]) == 79
    assert "Angka tercetak yang berselisih (1)" in hasil.laporan()


def test_a_percentage_whose_sentence_names_its_counts_is_kept_as_counts():
    """Denpasar prints "67%" in Tabel 3.1; its sentence says 200 trained of 296 registered: the
    draft keeps 200 and 296 (the percentage is derived) and the reviu finds the truncation, once,
    at both places it is printed."""
    nama = "denpasar-2022.txt"
    hasil = baca_laporan((SEEDS_DIR / "teks" / nama).read_bytes(), nama)
    ind = {
        i["nama"]: i
        for t in hasil.draf["renstra"]["tujuan"]
        for s in t["sasaran"]
        for i in s["indikator"]
    }
    bbk = ind["Besaran Tenaga Kerja Yang Mendapat Pelatihan Berbasis Kompetensi"]
    assert bbk["pembilang"] == "Jumlah tenaga kerja yang dilatih pada Uji Kompetensi"
    assert bbk["penyebut"] == "Jumlah pencari kerja yang mendaftar uji kompetensi"
    assert (bbk["realisasi"][0]["pembilang"], bbk["realisasi"][0]["penyebut"]) == (200, 296)
    temuan = [t for t in reviu_terpisah(hasil.teks, nama) if t.aturan == "PMB-01"]
    kbk = [
        t
        for t in temuan
        if t.objek.startswith("Besaran Tenaga Kerja Yang Mendapat Pelatihan Berbasis")
    ]
    assert len(kbk) == 1 and kbk[0].tercetak == "67%" and kbk[0].dihitung == "67,57"
    assert "Tabel 3.1" in kbk[0].lokasi and "Bab III" in kbk[0].lokasi
    # 41.667 of 499.900 = 8,3351…%: printed 8,33 is cut, not rounded
    assert any(t.tercetak.startswith("8,33") for t in temuan)
