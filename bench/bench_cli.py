"""Waktu mulai perintah ``sakip`` (issue 33): perintah yang tidak melayani halaman dibandingkan
dengan ``django.setup()`` saja, dan perintah pertama pada folder data baru. Setiap baris lama dan baru
diukur pada jalannya yang sama (rasio, bukan angka dari hari lain).

    python bench/bench_cli.py [--ulang 5]

Memakai folder data SQLite sementara (tidak menyentuh SAKIP_HOME pengguna). Baris:

- ``django.setup()`` saja — lantai;
- ``sakip opd list`` (folder termigrasi) — sekarang: tanpa pemeriksaan sistem Django, pemeriksaan
  migrasi cepat; *lama*: jalur Django biasa (pemeriksaan sistem yang mengimpor setiap modul URL,
  graf migrasi lengkap), dijalankan lewat ``execute_from_command_line`` sesudah graf migrasi dimuat;
- ``sakip --help``;
- perintah pertama pada folder data kosong — sekarang: skema satu langkah (``sakip/skema.py``);
  *lama*: seluruh riwayat migrasi (``sakip migrate``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

SETUP = "import os; os.environ['DJANGO_SETTINGS_MODULE']='sakip.settings'; import django; django.setup()"
LAMA = (
    SETUP + "\nfrom django.db import connection\n"
    "from django.db.migrations.executor import MigrationExecutor\n"
    "e = MigrationExecutor(connection); e.migration_plan(e.loader.graph.leaf_nodes())\n"
    "from django.core.management import execute_from_command_line\n"
    "execute_from_command_line(['sakip', 'opd', 'list'])"
)


def _waktu(argv: list[str], env: dict) -> float:
    t = time.perf_counter()
    p = subprocess.run(argv, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    d = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"gagal: {' '.join(argv)}\n{p.stdout}{p.stderr}")
    return d


def _median(argv, env, n) -> float:
    return statistics.median(_waktu(argv, env) for _ in range(n))


def _env(home: str) -> dict:
    env = {**os.environ, "SAKIP_HOME": home, "DJANGO_SETTINGS_MODULE": "sakip.settings"}
    env.pop("DATABASE_URL", None)
    return env


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ulang", type=int, default=5)
    n = ap.parse_args().ulang
    sakip = [PY, "-m", "sakip.cli"]
    siap = _env(tempfile.mkdtemp(prefix="sakip-bench-cli-"))
    _waktu([*sakip, "opd", "list"], siap)  # folder termigrasi
    lantai = _median([PY, "-c", SETUP], siap, n)
    baru = _median([*sakip, "opd", "list"], siap, n)
    lama = _median([PY, "-c", LAMA], siap, n)
    bantuan = _median([*sakip, "--help"], siap, n)
    print(f"Python {sys.version.split()[0]}, median {n} kali, SQLite, detik")
    print(f"{'baris':<52}{'detik':>8}{'× setup':>10}")
    for nama, d in (
        ("django.setup() saja", lantai),
        ("sakip opd list (sekarang)", baru),
        ("sakip opd list (lama: pemeriksaan sistem + graf)", lama),
        ("sakip --help", bantuan),
    ):
        print(f"{nama:<52}{d:>8.2f}{d / lantai:>10.2f}")
    pertama_baru = statistics.median(
        _waktu([*sakip, "opd", "list"], _env(tempfile.mkdtemp(prefix="sakip-bench-cli-")))
        for _ in range(max(1, n // 2))
    )
    pertama_lama = statistics.median(
        _waktu([*sakip, "migrate"], _env(tempfile.mkdtemp(prefix="sakip-bench-cli-")))
        for _ in range(max(1, n // 2))
    )
    print(f"{'perintah pertama, folder kosong (sekarang)':<52}{pertama_baru:>8.2f}")
    print(f"{'perintah pertama, folder kosong (lama: migrasi)':<52}{pertama_lama:>8.2f}")
    print(f"rasio lama/sekarang folder kosong: {pertama_lama / pertama_baru:.1f}×")


if __name__ == "__main__":
    main()
