"""Waktu pembuatan LKjIP per format untuk kedua laporan contoh, dan unduhan berkas tersimpan.

    python bench/bench_documents.py [--ulang 3]

Memakai basis data SQLite sementara (tidak menyentuh SAKIP_HOME pengguna) dan mencetak median
detik per format dan ukuran berkas. Kolom "unduh ms": waktu server untuk unduhan yang sama
setelah berkas tersimpan (data tidak berubah: versi data dibaca, berkas disajikan, tanpa membuat
ulang), diukur lewat klien uji Django (seluruh middleware, sesi, izin).
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
    home = tempfile.mkdtemp(prefix="sakip-bench-")
    os.environ["SAKIP_HOME"] = home
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from sakip.documents.services import buat_dokumen
    from sakip.interchange.importer import import_file
    from sakip.paths import SEEDS_DIR

    call_command("migrate", verbosity=0)
    call_command("demo", "--no-serve", verbosity=0)
    from django.test import Client

    klien = Client()
    klien.login(username="admin", password="sakip-admin-demo")
    seeds = [
        import_file(SEEDS_DIR / "denpasar-2022.yaml"),
        import_file(SEEDS_DIR / "klungkung-2024.yaml"),
    ]
    print(
        f"mesin: {platform.processor() or platform.machine()}, {os.cpu_count()} inti, Python {platform.python_version()}"
    )
    print(
        f"{'OPD':<45} {'format':<6} {'median (s)':>10} {'maks (s)':>9} {'ukuran':>10} {'unduh ms':>9}"
    )
    for hasil in seeds:
        for fmt in ("html", "pdf", "docx"):
            times, size = [], 0
            for _ in range(args.ulang):
                t0 = time.perf_counter()
                berkas = buat_dokumen("lkjip", hasil.opd, hasil.tahun, fmt)
                times.append(time.perf_counter() - t0)
                size = len(berkas.isi)
            url = f"/opd/{hasil.opd.slug}/{hasil.tahun}/dokumen/lkjip.{fmt}?langsung=1"
            r = klien.get(url)  # pertama: dibuat dan disimpan
            assert r.status_code == 200, r.status_code
            unduh = []
            for _ in range(max(5, args.ulang)):
                t0 = time.perf_counter()
                r = klien.get(url)
                isi = b"".join(r.streaming_content)
                unduh.append((time.perf_counter() - t0) * 1000)
                assert r["X-Sakip-Dokumen"].startswith("tersimpan") and len(isi) > 1000
            print(
                f"{hasil.opd.nama[:44]:<45} {fmt:<6} {statistics.median(times):>10.2f} {max(times):>9.2f} {size:>10,} {statistics.median(unduh):>9.1f}"
            )


if __name__ == "__main__":
    main()
