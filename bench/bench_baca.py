"""Waktu membaca dan mereviu laporan tercetak (sakip baca + reviu) untuk kedua laporan contoh:
salinan teksnya dan LKjIP buatan sakip sendiri sebagai PDF dan DOCX. Sasaran: laporan 30 halaman
dibaca dan direviu dalam kurang dari 10 detik.

    python bench/bench_baca.py [--ulang 3]

Memakai basis data SQLite sementara (tidak menyentuh SAKIP_HOME pengguna); mencetak median detik
membaca, median detik membaca + reviu, jumlah halaman dan angka tercetak yang ditempatkan; lalu
presisi dan cakupan reviu atas teks kedua laporan (temuan kritis/peringatan dibandingkan dengan temuan
yang diperiksa satu per satu atas data contohnya, tests/review/expected/).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ulang", type=int, default=3)
    args = ap.parse_args()
    os.environ["SAKIP_HOME"] = tempfile.mkdtemp(prefix="sakip-bench-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from sakip.documents.services import buat_dokumen
    from sakip.interchange.baca import baca_laporan
    from sakip.interchange.baca.naskah import baca_naskah
    from sakip.interchange.importer import import_file
    from sakip.paths import SEEDS_DIR
    from sakip.review.engine import reviu_opd

    call_command("migrate", verbosity=0)
    berkas = []
    for seed, tahun in (("denpasar-2022", 2022), ("klungkung-2024", 2024)):
        berkas.append((f"{seed}.txt", (SEEDS_DIR / "teks" / f"{seed}.txt").read_bytes()))
        with transaction.atomic():
            opd = import_file(SEEDS_DIR / f"{seed}.yaml").opd
            for fmt in ("pdf", "docx"):
                b = buat_dokumen("lkjip", opd, tahun, fmt)
                berkas.append((b.nama, b.isi))
            transaction.set_rollback(True)
    print(
        f"mesin: {platform.processor() or platform.machine()}, {os.cpu_count()} inti, "
        f"Python {platform.python_version()}"
    )
    print(f"{'berkas':<38} {'halaman':>7} {'angka':>6} {'baca (s)':>9} {'+reviu (s)':>10}")
    for nama, data in berkas:
        baca, semua = [], []
        for _ in range(args.ulang):
            t0 = time.perf_counter()
            hasil = baca_laporan(data, nama)
            t1 = time.perf_counter()
            with transaction.atomic():
                h = import_file(hasil.teks.encode())
                reviu_opd(h.opd, h.tahun)
                transaction.set_rollback(True)
            t2 = time.perf_counter()
            baca.append(t1 - t0)
            semua.append(t2 - t0)
        halaman = baca_naskah(data, nama).halaman or "–"
        print(
            f"{nama[:37]:<38} {halaman!s:>7} {hasil.jumlah_angka:>6} "
            f"{statistics.median(baca):>9.2f} {statistics.median(semua):>10.2f}"
        )
    mutu(SEEDS_DIR)


def _kunci(aturan: str, tercetak: str) -> tuple:
    """Aturan dan angka-angka yang tercetak (cara tulis diabaikan: "4.434.468.359,00" =
    "4.434.468.359"; daftar tempat KON-01 → himpunan angkanya)."""
    import re

    from sakip.core.numbers import NumberFormatError, parse_angka

    if aturan == "ANG-03":
        aturan = "ANG-02"  # serapan ≠ pagu/realisasi barisnya: dari data atau dari baris tercetak
    if aturan == "KON-01":  # daftar "tempat: angka; …": angkanya saja, bukan nomor baris tempatnya
        tercetak = "; ".join(x.rpartition(": ")[2] for x in tercetak.split("; "))
    angka = set()
    for m in re.findall(r"-?\d[\d.,]*", tercetak):
        try:
            angka.add(parse_angka(m.rstrip(".,")).normalize())
        except (NumberFormatError, ArithmeticError):
            continue
    return aturan, tuple(sorted(angka)) or tercetak.strip()


def mutu(seeds_dir: Path) -> None:
    """Presisi dan cakupan reviu atas teks laporan contoh: temuan kritis/peringatan dari membaca
    teksnya dibandingkan dengan temuan yang diperiksa satu per satu atas data contohnya
    (tests/review/expected/<seed>.txt), dicocokkan menurut aturan dan angka tercetak."""
    from sakip.interchange.baca import baca_laporan
    from sakip.interchange.baca.layanan import reviu_terpisah
    from sakip.review.rules.tabel import ATURAN_BY_ID

    expected_dir = Path(__file__).resolve().parent.parent / "tests" / "review" / "expected"
    print()
    print(
        f"{'teks laporan':<22} {'temuan':>7} {'benar':>6} {'presisi':>8} {'diharapkan':>10} "
        f"{'tertangkap':>10} {'cakupan':>8}"
    )
    for seed in ("denpasar-2022", "klungkung-2024"):
        nama = f"{seed}.txt"
        hasil = baca_laporan((seeds_dir / "teks" / nama).read_bytes(), nama)
        temuan = [t for t in reviu_terpisah(hasil.teks, nama) if t.tingkat != "info"]
        harap = set()
        for ln in (expected_dir / f"{seed}.txt").read_text("utf-8").splitlines():
            if not ln or ln.startswith("#"):
                continue
            bagian = [x.strip() for x in ln.split("|")]
            a = ATURAN_BY_ID.get(bagian[0])
            if a is not None and a.tingkat != "info":
                harap.add(_kunci(bagian[0], bagian[3]))
        ketemu = {_kunci(t.aturan, t.tercetak) for t in temuan}
        benar = sum(1 for t in temuan if _kunci(t.aturan, t.tercetak) in harap)
        tertangkap = len(harap & ketemu)
        print(
            f"{nama:<22} {len(temuan):>7} {benar:>6} {benar / max(len(temuan), 1):>8.0%} "
            f"{len(harap):>10} {tertangkap:>10} {tertangkap / max(len(harap), 1):>8.0%}"
        )


if __name__ == "__main__":
    main()
