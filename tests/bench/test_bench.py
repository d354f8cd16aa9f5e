"""Skrip tolok ukur tetap berjalan: pembangkit data skala (kecil), peringkat SQL, LKjIP paralel dan
uji beban wrk (singkat), masing-masing sebagai proses sungguhan pada basis data tersendiri
(di CI juga PostgreSQL, lewat COPY)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(env, *args, timeout=600):
    out = subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
    assert out.returncode == 0, out.stderr[-3000:] + out.stdout[-3000:]
    return out.stdout


@pytest.fixture
def data_kecil(db_proses):
    out = _run(db_proses, "bench/data_skala.py", "--pemda", "2", "--opd", "3")
    # 2 Pemda × (OPD 01: 30, OPD 02: 20, OPD 03: 200 indikator) × 5 tahun baris ringkasan
    assert "Ringkasan capaian: 2.500 baris untuk 30 OPD-tahun" in out, out
    return db_proses


def test_generator_ranking_and_parallel_lkjip(data_kecil):
    again = subprocess.run(
        [sys.executable, "bench/data_skala.py", "--pemda", "1", "--opd", "1"],
        env=data_kecil,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert again.returncode != 0 and "sintetis-001 sudah ada; pakai --mulai" in again.stderr
    out = _run(data_kecil, "bench/bench_peringkat.py", "--ulang", "1")
    assert "Peringkat OPD se-Indonesia" in out and "    6 " in out  # 6 OPD diperingkat
    assert "1. " in out and "rata-rata capaian" in out
    out = _run(
        data_kecil, "bench/bench_lkjip.py", "--format", "html", "--opd-maks", "2", "--proses", "2"
    )
    assert "2 OPD" in out and "percepatan" in out
    out = _run(data_kecil, "bench/bench_pohon.py", "--tahun", "2024", "--ulang", "1")
    assert "3 OPD, 48 jabatan" in out and "pohon Pemda" in out and "LKjIP Pemda HTML" in out


def test_load_test_ends_without_errors(data_kecil):
    if not shutil.which("wrk"):
        pytest.skip("wrk tidak terpasang (CI memasangnya dari paket Debian)")
    out = _run(
        data_kecil,
        "bench/bench_beban.py",
        "--detik",
        "1",
        "--koneksi",
        "2",
        "--workers",
        "2",
        "--port",
        "8797",
    )
    assert "Simpan realisasi (POST)" in out and "Jumlah galat: 0" in out, out
    # isian dan simpanan OPD kecil (20 indikator) dan besar (200 indikator)
    assert "Halaman isian, 200 indikator" in out and "Simpan, 20 indikator" in out, out
    assert "Minimal bersesi (lencana)" in out and "×sesi" in out, out


@pytest.mark.sekali  # SQLite sendiri, tanpa basis data tes: sekali per CI
def test_reading_benchmark_prints_its_figures():
    import os

    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # it makes its own SQLite
    out = _run(env, "bench/bench_baca.py", "--ulang", "1")
    assert "lkjip-disnaker-klungkung-2024.pdf" in out and "klungkung-2024.txt" in out
    # the figures: pages and placed values of sakip's own Klungkung LKjIP (as PDF and as DOCX: the
    # 753 values of its tables whatever the pagination — checked one by one in test_baca — and
    # the figures of its sentences, of which a page break can hide one or two in the PDF)
    for nama in ("lkjip-disnaker-klungkung-2024.pdf", "lkjip-disnaker-klungkung-2024.docx"):
        baris = next(b for b in out.splitlines() if b.startswith(nama)).split()
        assert 765 <= int(baris[2]) <= 790, baris
        float(baris[3]), float(baris[4])  # seconds to read, to read and review


@pytest.mark.sekali  # SQLite sendiri, tanpa basis data tes: sekali per CI
def test_cli_start_up_benchmark_prints_its_ratios():
    import os

    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # its own SQLite folders
    out = _run(env, "bench/bench_cli.py", "--ulang", "1")
    baris = {b[:52].strip(): b[52:].split() for b in out.splitlines() if len(b) > 52}
    assert baris["django.setup() saja"][1] == "1.00"
    for nama in ("sakip opd list (sekarang)", "sakip opd list (lama: pemeriksaan sistem + graf)"):
        detik, kali = (float(x) for x in baris[nama])
        assert detik > 0 and kali > 0
    assert float(baris["perintah pertama, folder kosong (sekarang)"][0]) > 0
    assert "rasio lama/sekarang folder kosong" in out
