"""Waktu membaca dan mereviu laporan tercetak (sakip baca + reviu) untuk kedua laporan contoh:
salinan teksnya dan LKjIP buatan sakip sendiri sebagai PDF dan DOCX. Sasaran: laporan 30 halaman
dibaca dan direviu dalam kurang dari 10 detik.

    python bench/bench_baca.py [--ulang 3]

Memakai basis data SQLite sementara (tidak menyentuh SAKIP_HOME pengguna); mencetak median detik
membaca, median detik membaca + reviu, jumlah halaman dan angka tercetak yang ditempatkan.
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


if __name__ == "__main__":
    main()
