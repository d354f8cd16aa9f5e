"""Pohon kinerja dan LKjIP Pemda pada data skala: waktu, jumlah kueri dan ukuran pohon.

    python bench/data_skala.py --skala provinsi       # sekali (10 Pemda × 40 OPD)
    python bench/bench_pohon.py [--pemda sintetis-001] [--tahun 2025] [--ulang 3]

Dicetak median milidetik dari ``--ulang`` kali untuk: membangun pohon satu Pemda (RPJMD → OPD →
program → kegiatan → sub kegiatan, dengan jabatan, capaian dan anggaran), pohon satu OPD, dan
LKjIP Pemda (HTML); jumlah kueri SQL setiap langkah (tetap, tidak tumbuh dengan jumlah OPD) dan
jumlah simpul.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")

import django  # noqa: E402


def _ukur(fn, ulang: int):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, out, n = [], None, 0
    for _ in range(ulang):
        with CaptureQueriesContext(connection) as c:
            t = time.perf_counter()
            out = fn()
            times.append((time.perf_counter() - t) * 1000)
        n = len(c.captured_queries)
    return statistics.median(times), n, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pemda", default="sintetis-001")
    ap.add_argument("--tahun", type=int, default=2025)
    ap.add_argument("--ulang", type=int, default=3)
    args = ap.parse_args()
    django.setup()
    from django.db import connection

    from sakip.documents.services import buat_dokumen_pemda
    from sakip.organisations.models import Jabatan, Pemda
    from sakip.reporting.pohon import bangun_pohon

    pemda = Pemda.objects.get(slug=args.pemda)
    opd = pemda.opd.order_by("pk").first()
    n_opd = pemda.opd.count()
    n_jab = Jabatan.objects.filter(opd__pemda=pemda).count()
    fmt = lambda x: f"{x:,.0f}".replace(",", ".")  # noqa: E731
    print(
        f"{'PostgreSQL' if connection.vendor == 'postgresql' else 'SQLite'} · {pemda.nama}: "
        f"{n_opd} OPD, {fmt(n_jab)} jabatan · tahun {args.tahun}"
    )
    ms, q, pohon = _ukur(lambda: bangun_pohon(pemda, args.tahun), args.ulang)
    simpul = sum(1 for _ in pohon.akar.iter()) if pohon.akar else 0
    print(f"  pohon Pemda       {fmt(ms):>7} ms  {q:>3} kueri  {fmt(simpul)} simpul di bawah RPJMD")
    ms, q, _ = _ukur(lambda: bangun_pohon(pemda, args.tahun, opd=opd), args.ulang)
    print(f"  pohon satu OPD    {fmt(ms):>7} ms  {q:>3} kueri")
    ms, q, berkas = _ukur(
        lambda: buat_dokumen_pemda("lkjip-pemda", pemda, args.tahun, "html"), args.ulang
    )
    print(f"  LKjIP Pemda HTML  {fmt(ms):>7} ms  {q:>3} kueri  {fmt(len(berkas.isi))} bita")


if __name__ == "__main__":
    main()
