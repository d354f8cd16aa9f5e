"""Peringkat capaian se-Pemda dan se-Indonesia dihitung basis data, dibanding pindai agregat polos.

    python bench/data_skala.py --skala negara        # sekali (PostgreSQL), atau --skala provinsi
    python bench/bench_peringkat.py [--tahun 2025] [--ulang 5]

Basis data dari ``DATABASE_URL``/``SAKIP_HOME``. Semua kueri membaca tabel yang sama
(``measurement_ringkasancapaian``, satu baris per indikator-tahun). Pembanding: ``COUNT(*), AVG``
atas tahun itu tanpa GROUP BY (pindai polos). Dicetak median milidetik dari ``--ulang`` kali dan
rasio terhadap pindai polos yang diukur pada jalannya yang sama.
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


def _ukur(fn, ulang: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(ulang):
        t = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tahun", type=int, default=2025)
    ap.add_argument("--ulang", type=int, default=5)
    ap.add_argument("--pemda", default="sintetis-001")
    args = ap.parse_args()
    django.setup()
    from django.db import connection

    from sakip.measurement import ringkasan
    from sakip.measurement.models import RingkasanCapaian
    from sakip.organisations.models import Pemda

    t = time.perf_counter()
    n_segar = ringkasan.segarkan()
    t_segar = time.perf_counter() - t
    pemda = Pemda.objects.get(slug=args.pemda)
    n = RingkasanCapaian.objects.count()
    n_tahun = RingkasanCapaian.objects.filter(tahun=args.tahun).count()
    fmt = lambda x, d=1: f"{x:,.{d}f}".replace(",", "_").replace(".", ",").replace("_", ".")  # noqa: E731
    print(
        f"{'PostgreSQL' if connection.vendor == 'postgresql' else 'SQLite'} · ringkasan capaian "
        f"{fmt(n, 0)} baris ({fmt(n_tahun, 0)} pada {args.tahun}) · "
        f"{fmt(Pemda.objects.count(), 0)} Pemda"
        + (f" · {fmt(n_segar, 0)} baris disegarkan dulu ({fmt(t_segar)} dtk)" if n_segar else "")
    )
    kasus = [
        ("Pindai agregat polos (COUNT, AVG)", lambda: ringkasan.pindai_polos(args.tahun)),
        ("Peringkat OPD se-Pemda", lambda: ringkasan.peringkat_opd(args.tahun, pemda.id)),
        ("Peringkat OPD se-Indonesia", lambda: ringkasan.peringkat_opd(args.tahun)),
        ("Peringkat Pemda se-Indonesia", lambda: ringkasan.peringkat_pemda(args.tahun)),
    ]
    dasar = None
    print(f"{'Kueri':34} {'median ms':>10} {'baris':>8} {'× pindai':>9}")
    for nama, fn in kasus:
        fn()  # pemanasan
        ms, out = _ukur(fn, args.ulang)
        dasar = dasar or ms
        baris = 1 if isinstance(out, dict) else len(out)
        print(f"{nama:34} {fmt(ms, 2):>10} {fmt(baris, 0):>8} {fmt(ms / dasar, 2):>9}")
    top = ringkasan.peringkat_pemda(args.tahun)[:3]
    nama = dict(Pemda.objects.filter(id__in=[r["pemda_id"] for r in top]).values_list("id", "nama"))
    for r in top:
        rata = ringkasan.desimal(r["rata"])
        print(f"  {r['peringkat']}. {nama[r['pemda_id']]}: rata-rata capaian {fmt(rata, 2)}%")


if __name__ == "__main__":
    main()
