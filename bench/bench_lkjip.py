"""LKjIP untuk semua OPD satu Pemda, paralel pada semua inti mesin, dibanding satu proses.

    python bench/data_skala.py --skala provinsi                  # sekali, menyiapkan data
    python bench/bench_lkjip.py [--pemda sintetis-001] [--tahun 2025] [--format pdf]

Basis data dari ``DATABASE_URL``/``SAKIP_HOME``. Mencetak: jumlah OPD, waktu total dan per laporan
dengan 1 proses dan dengan N proses (N = jumlah inti), percepatannya (rasio pada jalannya yang
sama), serta ukuran berkas rata-rata. Setiap berkas diperiksa (PDF diawali %PDF, DOCX/ZIP diawali PK).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")

import django  # noqa: E402

_siap = False


def _satu(args: tuple[int, int, str]) -> tuple[float, int]:
    """Buat satu LKjIP di proses ini; kembalikan (detik, ukuran)."""
    global _siap
    if not _siap:
        django.setup()
        _siap = True
    from sakip.documents.services import buat_dokumen
    from sakip.organisations.models import PerangkatDaerah

    opd_id, tahun, fmt = args
    opd = PerangkatDaerah.objects.select_related("pemda").get(pk=opd_id)
    t = time.perf_counter()
    berkas = buat_dokumen("lkjip", opd, tahun, fmt)
    dt = time.perf_counter() - t
    awal = {"pdf": b"%PDF", "docx": b"PK", "html": b"<"}[fmt]
    if not berkas.isi.lstrip().startswith(awal):
        raise RuntimeError(f"berkas {berkas.nama} bukan {fmt}")
    return dt, len(berkas.isi)


def _jalan(tugas: list, proses: int) -> tuple[float, list]:
    t = time.perf_counter()
    if proses == 1:
        hasil = [_satu(x) for x in tugas]
    else:
        with ProcessPoolExecutor(proses, mp_context=multiprocessing.get_context("spawn")) as ex:
            hasil = list(ex.map(_satu, tugas))
    return time.perf_counter() - t, hasil


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pemda", default="sintetis-001")
    ap.add_argument("--tahun", type=int, default=2025)
    ap.add_argument("--format", default="pdf", choices=["pdf", "docx", "html"])
    ap.add_argument("--proses", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--opd-maks", type=int, default=0, help="batasi jumlah OPD (0 = semua)")
    args = ap.parse_args()
    django.setup()
    from django.db import connection

    from sakip.measurement.ringkasan import segarkan
    from sakip.organisations.models import PerangkatDaerah

    segarkan()
    ids = list(
        PerangkatDaerah.objects.filter(pemda__slug=args.pemda)
        .order_by("slug")
        .values_list("id", flat=True)
    )
    if args.opd_maks:
        ids = ids[: args.opd_maks]
    if not ids:
        sys.exit(
            f"Pemda '{args.pemda}' tidak ada atau tanpa OPD; jalankan bench/data_skala.py dulu."
        )
    connection.close()  # proses anak membuka sambungannya sendiri
    tugas = [(i, args.tahun, args.format) for i in ids]
    print(
        f"LKjIP {args.format.upper()} {args.pemda} {args.tahun}: {len(tugas)} OPD · "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} inti · "
        f"{'PostgreSQL' if connection.vendor == 'postgresql' else 'SQLite'}"
    )
    t1, h1 = _jalan(tugas, 1)
    connection.close()  # jangan wariskan sambungan terbuka ke proses anak
    tn, hn = _jalan(tugas, args.proses)
    fmt = lambda x: f"{x:.2f}".replace(".", ",")  # noqa: E731
    print(
        f"  1 proses : total {fmt(t1)} dtk · {fmt(t1 / len(tugas))} dtk per laporan "
        f"(median satu laporan {fmt(statistics.median(d for d, _ in h1))} dtk)"
    )
    print(
        f"  {args.proses} proses : total {fmt(tn)} dtk · {fmt(tn / len(tugas))} dtk per laporan "
        f"(median satu laporan {fmt(statistics.median(d for d, _ in hn))} dtk)"
    )
    kib = f"{statistics.mean(s for _, s in hn) / 1024:,.0f}".replace(",", ".")
    print(f"  percepatan {fmt(t1 / tn)}× · ukuran rata-rata {kib} KiB")


if __name__ == "__main__":
    main()
