"""Kontrak API diperiksa klien sungguhan: Schemathesis (semua pemeriksaan: kode status dan isi sesuai
skema, data sah diterima, data tidak sah ditolak, autentikasi tidak diabaikan, …) terhadap
`sakip serve` pada data demo, untuk token setiap peran dan untuk publik tanpa token. Satu kegagalan
menggagalkan CI. Dibatasi (contoh per operasi, benih tetap) agar beberapa menit saja."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import jalankan_sakip

ROOT = Path(__file__).resolve().parents[1]
ST = Path(sys.executable).parent / "st"
PERAN = {
    "operator": "operator.disnaker",
    "kepala": "kepala.disnaker",
    "inspektorat": "inspektorat.denpasar",
    "publik": None,
}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`sakip serve` (mode produksi) pada folder data baru berisi data demo; token setiap peran."""
    from tests.conftest import postgres_url

    home = tmp_path_factory.mktemp("kontrak")
    env = {**os.environ, "SAKIP_HOME": str(home), "DJANGO_SETTINGS_MODULE": "sakip.settings"}
    dbname = None
    if postgres_url():
        import uuid
        from urllib.parse import urlparse, urlunparse

        import psycopg

        parsed = urlparse(postgres_url())
        dbname = f"sakip_kontrak_{uuid.uuid4().hex[:8]}"
        admin = urlunparse(parsed._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{dbname}"')
        env["DATABASE_URL"] = urlunparse(parsed._replace(path=f"/{dbname}"))
    else:
        env.pop("DATABASE_URL", None)
    jalankan_sakip(env, "demo", "--no-serve")
    tokens = {
        peran: jalankan_sakip(env, "token", "buat", "--user", user).stdout.strip()
        for peran, user in PERAN.items()
        if user
    }
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env_srv = env | {
        "SAKIP_PRODUCTION": "1",
        "SAKIP_SECRET_KEY": "kontrak-" + "k" * 40,
        "SAKIP_ALLOWED_HOSTS": "127.0.0.1",
        "SAKIP_HTTPS": "0",
        "SAKIP_LOGIN_GAGAL_MAKS": "100000",
    }
    # Log server ke berkas, bukan pipa: pipa yang tidak dibaca penuh setelah 64 KB log akses dan
    # server berhenti menjawab.
    log = open(home / "serve.log", "w")  # noqa: SIM115 — ditutup di akhir fixture
    argv = ["serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "sakip.cli", *argv],
        env=env_srv,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    akhir = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(base + "/sehat/", timeout=5):
                break
        except OSError:
            if time.monotonic() > akhir or proc.poll() is not None:
                proc.kill()
                raise AssertionError(
                    "sakip serve tidak menjawab: " + (home / "serve.log").read_text()
                ) from None
            time.sleep(0.5)
    yield base, tokens
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()
    if dbname:
        import psycopg

        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


# Setiap peran sekali per CI: kontrak API per peran tidak bergantung pada mesin basis data, tetapi
# tulisan (operator) dan baca lintas OPD (inspektorat) diperiksa pada susunan produksi (PostgreSQL),
# kepala dan publik pada putaran SQLite (pyproject.toml: penanda sekali/produksi).
SEKALI = {"kepala": pytest.mark.sekali, "publik": pytest.mark.sekali}


@pytest.mark.parametrize(
    "peran", [pytest.param(p, marks=SEKALI.get(p, pytest.mark.produksi)) for p in PERAN]
)
def test_schemathesis_all_checks_zero_failures(server, peran):
    if not ST.exists():
        pytest.fail("schemathesis tidak terpasang (pip install -e '.[dev]')")
    base, tokens = server
    args = [
        str(ST),
        "run",
        f"{base}/api/openapi.json",
        "--checks",
        "all",
        "--max-examples",
        "10",
        "--seed",
        "20261125",
        "--no-color",
        "--request-timeout",
        "60",
    ]
    if peran in tokens:
        args += ["-H", f"Authorization: Bearer {tokens[peran]}"]
    proc = subprocess.run(
        args, cwd=ROOT, capture_output=True, text=True, timeout=900, stdin=subprocess.DEVNULL
    )
    out = proc.stdout + proc.stderr
    # bagian kegagalan (judul operasi, pemeriksaan, kode status, jawaban), bukan ekor yang panjang
    awal = out.find("=== FAILURES ===")
    ringkas = out[awal : awal + 3000] + "\n…\n" + out[-1500:] if awal >= 0 else out[-6000:]
    assert proc.returncode == 0, f"Schemathesis untuk {peran}:\n{ringkas}"
    assert "Failures:" not in out and "Errors:" not in out, ringkas
