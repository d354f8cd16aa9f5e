"""Setiap perintah ``sakip`` yang disebut README, sebagai proses sungguhan dengan stdin tertutup (seperti
cron atau skrip pemasangan), pada folder data kosong / basis data PostgreSQL kosong: tidak pernah
traceback; berhasil, atau satu pesan Indonesia yang menyebut apa yang harus dilakukan."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from sakip.paths import SEEDS_DIR
from tests.conftest import jalankan_sakip

DPS = str(SEEDS_DIR / "denpasar-2022.yaml")
KLK = str(SEEDS_DIR / "klungkung-2024.yaml")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _bersih(proc, *harus):
    """Berhasil, atau gagal dengan pesan satu baris berawalan 'Galat:' yang memuat ``harus``."""
    if proc.returncode != 0:
        assert proc.stderr.strip().startswith(("Galat:", "Menyiapkan basis data")), proc.stderr
        assert "Galat:" in proc.stderr, proc.stderr
    for h in harus:
        assert h in proc.stdout + proc.stderr, (h, proc.stdout, proc.stderr)


# (argumen, harus berhasil?, teks yang harus tampil) — {tmp} diganti folder sementara
KOSONG = [
    ([], True, ["sakip demo", "Folder data"]),
    (["opd", "list"], True, ["Belum ada Perangkat Daerah"]),
    (["pemda", "list"], True, ["Belum ada Pemda"]),
    (["import", DPS], True, ["Diimpor"]),
    (["export", "--opd", "disnaker-denpasar", "--tahun", "2022"], False, ["sakip opd list"]),
    (
        [
            "laporan",
            "lkjip",
            "--opd",
            "x",
            "--tahun",
            "2022",
            "--format",
            "html",
            "--output",
            "{tmp}/a.html",
        ],
        False,
        ["tidak ditemukan"],
    ),
    (
        [
            "laporan",
            "pk",
            "--opd",
            "x",
            "--tahun",
            "2022",
            "--format",
            "pdf",
            "--output",
            "{tmp}/a.pdf",
        ],
        False,
        ["tidak ditemukan"],
    ),
    (
        [
            "laporan",
            "rencana-aksi",
            "--opd",
            "x",
            "--tahun",
            "2022",
            "--format",
            "docx",
            "--output",
            "{tmp}/a.docx",
        ],
        False,
        ["tidak ditemukan"],
    ),
    (
        ["laporan", "pengukuran", "--tahun", "2022", "--format", "html", "--output", "{tmp}/batch"],
        False,
        ["2022"],
    ),
    (["reviu", KLK], True, ["Tabel 3.1"]),
    (["reviu", "--opd", "x", "--tahun", "2024"], False, ["tidak ditemukan"]),
    (["backup", "{tmp}/kosong.zip"], True, ["Cadangan ditulis"]),
    (["restore", "{tmp}/tidak-ada.zip"], False, ["tidak ditemukan"]),
    (["token", "buat", "--user", "siapa"], False, ["tidak ditemukan"]),
    (["ringkasan"], True, []),
    (["ringkasan", "--semua"], True, []),
    (["migrate"], True, []),
    (["createsuperuser"], False, ["--noinput"]),
    (["serve", "--cek"], False, ["produksi"]),
    (["tidak-ada-perintah"], False, ["tidak dikenal"]),
    (["evaluasi", "--opd", "disnaker-denpasar", "--tahun", "2022"], False, ["tidak ditemukan"]),
    (["baca", "{tmp}/tidak-ada.pdf"], False, ["tidak ditemukan"]),
    (
        ["laporan", "lhe", "--opd", "x", "--tahun", "2022", "--output", "{tmp}/l.pdf"],
        False,
        ["tidak ditemukan"],
    ),
    (["import", "{tmp}/tidak-ada.yaml"], False, ["tidak ditemukan"]),
    (["import", str(SEEDS_DIR / "denpasar-rpjmd.yaml")], False, ["belum ada"]),
    (["export", "--pemda", "kota-denpasar", "--tahun", "2022"], False, ["sakip pemda list"]),
    (
        ["laporan", "lkjip-pemda", "--pemda", "x", "--tahun", "2022", "--output", "{tmp}/a.pdf"],
        False,
        ["sakip pemda list"],
    ),
    (["laporan", "pk-pemda", "--tahun", "2022"], False, ["--pemda SLUG"]),
    (
        ["laporan", "pohon", "--pemda", "x", "--opd", "y", "--tahun", "2022", "--format", "docx"],
        False,
        ["tidak ditemukan"],
    ),
    (["laporan", "pohon", "--opd", "y", "--tahun", "2022"], False, ["sakip opd list"]),
]


@pytest.mark.parametrize(
    "args,ok,harus", KOSONG, ids=[" ".join(a[:2]) or "bantuan" for a, _, _ in KOSONG]
)
def test_every_command_on_an_empty_data_folder(basis_data_baru, tmp_path, args, ok, harus):
    env = basis_data_baru()
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    proc = jalankan_sakip(env, *args, ok=ok)
    if not ok:
        assert proc.returncode != 0, proc.stdout
    _bersih(proc, *harus)


# argumen salah: satu kalimat Indonesia (kode 2), bukan 'usage: … error: …' argparse
ARGUMEN_SALAH = [
    (["evaluasi", "--tahun", "2022"], "salah satu dari --opd --pemda wajib diisi"),
    (["evaluasi", "--opd", "x", "--tahun", "abc"], "--tahun harus bilangan bulat, bukan 'abc'"),
    (
        ["evaluasi", "--opd", "x", "--tahun", "2022", "--format", "doc"],
        "--format: pilihan 'doc' tidak dikenal; pilih salah satu dari 'teks', 'json', 'xlsx'",
    ),
    (
        ["export", "--opd", "a", "--pemda", "b", "--tahun", "1"],
        "--pemda tidak boleh dipakai bersama --opd",
    ),
    (["opd", "list", "--zzz"], "argumen tidak dikenal: --zzz. Bantuan: sakip opd --help"),
    (["laporan"], "argumen wajib belum diisi: jenis, --tahun. Bantuan: sakip laporan --help"),
]


def test_wrong_arguments_get_one_indonesian_sentence(basis_data_baru):
    env = basis_data_baru()  # one database for all cases: only the first prepares the schema
    for args, pesan in ARGUMEN_SALAH:
        proc = jalankan_sakip(env, *args, ok=False)
        assert proc.returncode == 2, (args, proc.stderr)
        assert "usage:" not in proc.stderr and "error:" not in proc.stderr, proc.stderr
        assert proc.stderr.strip().splitlines()[-1].startswith("Galat: "), proc.stderr
        assert pesan in proc.stderr, (args, proc.stderr)


def test_restore_into_an_empty_folder_and_database(basis_data_baru, tmp_path):
    """Cadangan dari basis data yang baru saja dibuat dipulihkan ke mesin lain yang masih kosong."""
    a, b = basis_data_baru(), basis_data_baru()
    jalankan_sakip(a, "import", DPS)
    jalankan_sakip(a, "backup", str(tmp_path / "c.zip"))
    jalankan_sakip(b, "restore", "--ya", str(tmp_path / "c.zip"))
    assert "disnaker-denpasar" in jalankan_sakip(b, "opd", "list").stdout


def test_plan_workbook_round_trip_through_the_command_line(basis_data_baru, tmp_path):
    """YAML → buku kerja .xlsx → impor di rumah data kosong → YAML yang sama (issue 29)."""
    a, b = basis_data_baru(), basis_data_baru()
    jalankan_sakip(a, "import", KLK)
    awal, buku = tmp_path / "awal.yaml", tmp_path / "rencana.xlsx"
    for f in (awal, buku):
        arg = ["export", "--opd", "disnaker-klungkung", "--tahun", "2024", "--output", str(f)]
        jalankan_sakip(a, *arg)
    assert buku.read_bytes().startswith(b"PK")
    assert "Diimpor: Dinas Ketenagakerjaan" in jalankan_sakip(b, "import", str(buku)).stdout
    akhir = tmp_path / "akhir.yaml"
    arg = ["export", "--opd", "disnaker-klungkung", "--tahun", "2024", "--output", str(akhir)]
    jalankan_sakip(b, *arg)
    assert akhir.read_text() == awal.read_text()


def test_createsuperuser_without_terminal(basis_data_baru):
    env = basis_data_baru()
    env.update(
        DJANGO_SUPERUSER_USERNAME="admin.baru", DJANGO_SUPERUSER_PASSWORD="Sandi-Admin-2026!"
    )
    jalankan_sakip(env, "createsuperuser", "--noinput", "--email", "admin@contoh.go.id")
    out = jalankan_sakip(env, "token", "buat", "--user", "admin.baru").stdout
    assert out.startswith("sakip_")


# README memandu mesin baru dengan SQLite bawaan; perintah yang sama pada PostgreSQL diuji satu per
# satu oleh test_every_command_on_an_empty_data_folder di kedua putaran
@pytest.mark.sekali
def test_the_readme_commands_in_order_on_one_new_machine(basis_data_baru, tmp_path):
    env = basis_data_baru()
    out = jalankan_sakip(env, "demo", "--no-serve").stdout
    assert "inspektorat.klungkung" in out
    assert "disnaker-klungkung" in jalankan_sakip(env, "opd", "list").stdout
    pemda = jalankan_sakip(env, "pemda", "list").stdout.splitlines()
    assert "kota-denpasar\tKota Denpasar\t1 OPD" in pemda and len(pemda) == 3
    assert "kabupaten-contoh\tKabupaten Contoh\t3 OPD" in pemda
    fp = tmp_path / "pemda.yaml"
    jalankan_sakip(
        env, "export", "--pemda", "kota-denpasar", "--tahun", "2022", "--output", str(fp)
    )
    assert "Diimpor: Kota Denpasar" in jalankan_sakip(env, "import", str(fp)).stdout
    for jenis, extra, fmt in (
        ("lkjip-pemda", [], "pdf"),
        ("pk-pemda", [], "docx"),
        ("pohon", [], "html"),
        ("pohon", ["--opd", "disnaker-contoh"], "pdf"),
    ):
        out = tmp_path / f"{jenis}-{len(extra)}.{fmt}"
        jalankan_sakip(
            env,
            "laporan",
            jenis,
            "--pemda",
            "kabupaten-contoh",
            *extra,
            "--tahun",
            "2025",
            "--format",
            fmt,
            "--output",
            str(out),
        )
        assert out.stat().st_size > 1000
    f = tmp_path / "dps.yaml"
    jalankan_sakip(
        env, "export", "--opd", "disnaker-denpasar", "--tahun", "2022", "--output", str(f)
    )
    jalankan_sakip(env, "import", str(f))
    for jenis, fmt in (
        ("lkjip", "pdf"),
        ("pk", "docx"),
        ("rencana-aksi", "html"),
        ("pengukuran", "html"),
    ):
        out = tmp_path / f"{jenis}.{fmt}"
        jalankan_sakip(
            env,
            "laporan",
            jenis,
            "--opd",
            "disnaker-klungkung",
            "--tahun",
            "2024",
            "--format",
            fmt,
            "--output",
            str(out),
        )
        assert out.stat().st_size > 1000
    jalankan_sakip(
        env,
        "laporan",
        "pengukuran",
        "--tahun",
        "2022",
        "--format",
        "html",
        "--output",
        str(tmp_path / "batch"),
    )
    assert list((tmp_path / "batch").iterdir())
    assert "Tabel 3.1" in jalankan_sakip(env, "reviu", KLK).stdout
    jalankan_sakip(
        env,
        "reviu",
        "--opd",
        "disnaker-klungkung",
        "--tahun",
        "2024",
        "--format",
        "xlsx",
        "--output",
        str(tmp_path / "r.xlsx"),
    )
    teks = jalankan_sakip(env, "evaluasi", "--opd", "disnaker-klungkung", "--tahun", "2024").stdout
    assert "Nilai akhir                                    41,02" in teks
    assert "Predikat: C (Kurang)" in teks
    lhe = tmp_path / "lhe.docx"
    jalankan_sakip(
        env,
        *"laporan lhe --opd disnaker-klungkung --tahun 2024 --format docx --output".split(),
        str(lhe),
    )
    assert lhe.stat().st_size > 1000
    jalankan_sakip(
        env,
        *"evaluasi --opd disnaker-denpasar --tahun 2022 --format xlsx --output".split(),
        str(tmp_path / "lke.xlsx"),
    )
    assert (tmp_path / "lke.xlsx").read_bytes()[:2] == b"PK"
    assert jalankan_sakip(env, "token", "buat", "--user", "operator.disnaker").stdout.startswith(
        "sakip_"
    )
    jalankan_sakip(env, "ringkasan", "--semua")
    jalankan_sakip(env, "backup", str(tmp_path / "c.zip"))
    jalankan_sakip(env, "restore", "--ya", str(tmp_path / "c.zip"))
    jalankan_sakip(env, "migrate")
    # a printed LKjIP read back: the reviu runs on the PDF itself, the
    # draft imports (last: importing replaces the OPD-year with what the report printed)
    lkjip = tmp_path / "lkjip.pdf"
    out = jalankan_sakip(env, "baca", str(lkjip), "--output", str(tmp_path / "draf.yaml")).stdout
    assert "Dibaca: Dinas Ketenagakerjaan Kabupaten Klungkung tahun 2024" in out
    out = jalankan_sakip(env, "reviu", str(lkjip)).stdout
    assert "Reviu LKjIP Dinas Ketenagakerjaan Kabupaten Klungkung tahun 2024" in out
    assert "Pembacaan laporan:" in out
    assert "Diimpor" in jalankan_sakip(env, "import", str(tmp_path / "draf.yaml")).stdout


def _tunggu(url: str, proc, batas: float = 90) -> int:
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        if proc.poll() is not None:
            raise AssertionError(f"server berhenti sendiri: {proc.stdout.read()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                return r.status
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} tidak menjawab dalam {batas} detik")


@pytest.mark.parametrize("perintah", ["demo", "serve"])
def test_servers_start_on_an_empty_data_folder(basis_data_baru, perintah):
    """``sakip demo`` (README: satu perintah) dan ``sakip serve`` (produksi) pada mesin kosong."""
    env = basis_data_baru()
    port = _port()
    if perintah == "demo":
        args, url = ["demo", "--port", str(port)], f"http://127.0.0.1:{port}/"
    else:
        env.update(
            SAKIP_PRODUCTION="1",
            SAKIP_SECRET_KEY="uji-asap-" + "k" * 40,
            SAKIP_ALLOWED_HOSTS="127.0.0.1",
            SAKIP_HTTPS="0",
        )
        args, url = (
            ["serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            f"http://127.0.0.1:{port}/masuk/",
        )
    proc = subprocess.Popen(
        [sys.executable, "-m", "sakip.cli", *args],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert _tunggu(url, proc) == 200
        css = f"http://127.0.0.1:{port}/static/sakip/sakip.css"
        with urllib.request.urlopen(css, timeout=10) as r:  # aset dari paket sendiri, tanpa CDN
            assert r.status == 200 and b".panel-masuk" in r.read()
        ikon = f"http://127.0.0.1:{port}/favicon.ico"  # every browser asks it (hashed name in prod)
        with urllib.request.urlopen(ikon, timeout=10) as r:
            assert r.status == 200 and r.read(4) == b"\x00\x00\x01\x00"
    finally:
        proc.terminate()
        try:
            out, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
    assert "Traceback" not in out, out


def test_unexpected_error_is_logged_not_shown(basis_data_baru, tmp_path):
    """Kesalahan tak terduga: satu kalimat yang menyebut berkas log; traceback lengkap di log."""
    env = basis_data_baru()
    proc = jalankan_sakip(env, "shell", "-c", "raise RuntimeError('galat uji')", ok=False)
    log = Path(env["SAKIP_HOME"]) / "log" / "galat.log"
    assert (
        proc.returncode == 1 and "kesalahan tak terduga" in proc.stderr and str(log) in proc.stderr
    )
    text = log.read_text()
    assert "Traceback" in text and "RuntimeError: galat uji" in text


def test_unreachable_or_wrong_database_settings(tmp_path):
    base = {**os.environ, "SAKIP_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "sakip.settings"}
    proc = jalankan_sakip(
        {**base, "DATABASE_URL": "postgres://sakip:rahasia@127.0.0.1:1/sakip"},
        "opd",
        "list",
        ok=False,
    )
    assert "Basis data tidak dapat dipakai" in proc.stderr and "rahasia" not in proc.stderr
    proc = jalankan_sakip({**base, "DATABASE_URL": "mysql://x@y/z"}, "opd", "list", ok=False)
    assert "Setelan tidak sah" in proc.stderr and "mysql" in proc.stderr
    # alamat Redis yang salah: satu kalimat, tanpa kata sandinya
    proc = jalankan_sakip(
        {**base, "SAKIP_REDIS_URL": "redsi://:rahasia@10.0.0.5:6379/0"}, "opd", "list", ok=False
    )
    assert "Setelan tidak sah" in proc.stderr and "SAKIP_REDIS_URL" in proc.stderr
    assert "rahasia" not in proc.stderr and "Traceback" not in proc.stderr
    proc = (
        jalankan_sakip(
            {**base, "SAKIP_HOME": str(tmp_path / "berkas.txt" / "x")}, "opd", "list", ok=False
        )
        if (tmp_path / "berkas.txt").write_text("x")
        else None
    )
    assert proc.returncode == 1 and "SAKIP_HOME" in proc.stderr
