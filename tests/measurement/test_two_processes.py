"""Dua proses sungguhan menyimpan realisasi yang sama pada saat yang sama (di CI: PostgreSQL).

Tepat satu yang tersimpan; yang lain ditolak dengan pesan yang menunjukkan nilai pemenang, dan
tidak ada perubahan yang hilang tanpa terlihat."""

import json
import pathlib
import subprocess
import sys
import time
from decimal import Decimal

from sakip.core.numbers import parse_angka

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _sakip(env, *args):
    subprocess.run(
        [sys.executable, "-m", "sakip.cli", *args], env=env, check=True, cwd=ROOT, timeout=600
    )


def test_two_processes_save_the_same_realisasi(db_proses, tmp_path):
    env = db_proses
    _sakip(env, "migrate", "-v0")
    _sakip(env, "demo", "--no-serve")
    peserta = {
        "operator.disnaker": ("30.000", "400.000", "30.000/400.000 (7,50%)"),
        "admin.denpasar": ("31.500", "400.000", "31.500/400.000 (7,88%)"),
    }
    mulai = tmp_path / "mulai"
    procs = {}
    for user, (p, q, _) in peserta.items():
        procs[user] = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.measurement.pengisi_proses",
                user,
                "T1-1",
                p,
                q,
                str(tmp_path / f"siap-{user}"),
                str(mulai),
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    batas = time.monotonic() + 120
    while not all((tmp_path / f"siap-{u}").exists() for u in peserta):
        assert time.monotonic() < batas, "proses pengisi tidak siap"
        assert all(pr.poll() is None for pr in procs.values()), [
            pr.communicate() for pr in procs.values()
        ]
        time.sleep(0.05)
    # keduanya membaca formulir sebelum ada yang menyimpan: versi 0 (belum ada realisasi TW IV)
    assert {(tmp_path / f"siap-{u}").read_text() for u in peserta} == {"0"}
    mulai.write_text("mulai")
    hasil = {}
    for user, pr in procs.items():
        out, err = pr.communicate(timeout=120)
        assert pr.returncode == 0, err
        hasil[user] = json.loads(out.strip().splitlines()[-1])
    menang = [u for u, h in hasil.items() if h["status"] == 302]
    kalah = [u for u, h in hasil.items() if h["status"] == 200]
    assert len(menang) == 1 and len(kalah) == 1, hasil
    pesan = " ".join(hasil[kalah[0]]["galat"])
    assert f"diubah oleh {menang[0]}" in pesan and peserta[menang[0]][2] in pesan, pesan
    assert f"Isian Anda, {peserta[kalah[0]][2]}, belum" in pesan
    # basis data memuat nilai pemenang, versi 1: tidak ada simpanan kedua yang diam-diam menimpa
    cek = (
        subprocess.run(
            [
                sys.executable,
                "-m",
                "sakip.cli",
                "shell",
                "-c",
                "from sakip.measurement.models import Realisasi as R;"
                "r=R.objects.get(indikator__kode='T1-1',indikator__opd__slug='disnaker-denpasar',"
                "tahun=2022,periode='tw4');print(r.pembilang, r.versi, r.diubah_oleh.username)",
            ],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
        .split()
    )
    assert Decimal(cek[0]) == parse_angka(peserta[menang[0]][0]) and cek[1:] == ["1", menang[0]], (
        cek
    )
