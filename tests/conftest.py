import pytest

from sakip.interchange.importer import import_file
from sakip.paths import SEEDS_DIR


@pytest.fixture
def denpasar(db):
    return import_file(SEEDS_DIR / "denpasar-2022.yaml").opd


@pytest.fixture
def klungkung(db):
    return import_file(SEEDS_DIR / "klungkung-2024.yaml").opd


def postgres_url() -> str | None:
    """URL server PostgreSQL untuk tes: DATABASE_URL bila PostgreSQL, else None."""
    import os

    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


class _PabrikBasisData:
    """Pabrik lingkungan proses sungguhan, masing-masing dengan folder data dan basis data kosong.

    ``buat("sqlite")`` → berkas SQLite baru; ``buat("postgres")`` → basis data PostgreSQL baru di
    server ``DATABASE_URL`` (dihapus oleh ``bersihkan``); ``buat()`` → mesin yang sedang diuji
    (PostgreSQL bila DATABASE_URL PostgreSQL, else SQLite)."""

    def __init__(self, tmp_path_factory):
        self.tmp = tmp_path_factory
        self.dibuat = []

    def __call__(self, mesin: str | None = None) -> dict:
        import os
        import uuid
        from urllib.parse import urlparse, urlunparse

        server = postgres_url()
        mesin = mesin or ("postgres" if server else "sqlite")
        home = self.tmp.mktemp("sakip-home")
        env = {**os.environ, "SAKIP_HOME": str(home), "DJANGO_SETTINGS_MODULE": "sakip.settings"}
        if mesin == "sqlite":
            env.pop("DATABASE_URL", None)
            return env
        if server is None:
            pytest.skip("PostgreSQL tidak tersedia (DATABASE_URL bukan postgres://)")
        import psycopg

        parsed = urlparse(server)
        name = f"sakip_proses_{uuid.uuid4().hex[:10]}"
        admin = urlunparse(parsed._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        self.dibuat.append((admin, name))
        env["DATABASE_URL"] = urlunparse(parsed._replace(path=f"/{name}"))
        return env

    def bersihkan(self) -> None:
        if self.dibuat:
            import psycopg

            for admin, name in self.dibuat:
                with psycopg.connect(admin, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def basis_data_baru(tmp_path_factory):
    """Lihat :class:`_PabrikBasisData` (satu tes)."""
    pabrik = _PabrikBasisData(tmp_path_factory)
    yield pabrik
    pabrik.bersihkan()


@pytest.fixture(scope="module")
def basis_data_modul(tmp_path_factory):
    """Seperti ``basis_data_baru``, dipakai bersama satu modul tes (data demo dimuat sekali)."""
    pabrik = _PabrikBasisData(tmp_path_factory)
    yield pabrik
    pabrik.bersihkan()


@pytest.fixture
def db_proses(basis_data_baru):
    """Lingkungan untuk proses sungguhan (subprocess) yang berbagi satu basis data baru
    (PostgreSQL tersendiri bila DATABASE_URL PostgreSQL, seperti di CI; else SQLite)."""
    env = basis_data_baru()
    if "DATABASE_URL" not in env:
        env["DATABASE_URL"] = f"sqlite:///{env['SAKIP_HOME']}/proses.sqlite3"
    return env


def jalankan_sakip(env: dict, *args: str, ok: bool = True, timeout: float = 600):
    """Jalankan ``sakip ARGS`` sebagai proses sungguhan tanpa terminal (stdin ditutup).

    Gagal bila keluarannya memuat traceback Python; dengan ``ok`` juga bila kodenya bukan 0.
    """
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "sakip.cli", *args],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    both = proc.stdout + proc.stderr
    assert "Traceback" not in both, f"sakip {' '.join(args)} mencetak traceback:\n{both}"
    if ok:
        assert proc.returncode == 0, f"sakip {' '.join(args)} → {proc.returncode}:\n{both}"
    return proc


@pytest.fixture
def rpjmd_denpasar(denpasar):
    """Denpasar 2022 dengan berkas Pemda-nya: RPJMD 2021–2026, jabatan Disnaker, keselarasan."""
    import_file(SEEDS_DIR / "denpasar-rpjmd.yaml")
    return denpasar


@pytest.fixture
def rpd_klungkung(klungkung):
    """Klungkung 2024 dengan berkas Pemda-nya: RPD 2024–2026, jabatan Disnaker, keselarasan."""
    import_file(SEEDS_DIR / "klungkung-rpd.yaml")
    return klungkung


def pengguna(nama: str, peran, opd, password: str = "x"):
    """Pengguna dengan satu peran: peran OPD (Operator/Kepala) pada ``opd``, peran Pemda pada Pemda-nya."""
    from django.contrib.auth import get_user_model

    from sakip.organisations.models import Keanggotaan, Peran

    u = get_user_model().objects.create_user(nama, password=password)
    Keanggotaan.objects.create(
        user=u,
        peran=peran,
        opd=opd if peran in (Peran.OPERATOR_OPD, Peran.KEPALA_OPD) else None,
        pemda=opd.pemda,
    )
    return u


@pytest.fixture(autouse=True)
def _tembolok_jaringan_per_tes():
    """Dengan SAKIP_REDIS_URL (suite PostgreSQL + Redis di CI), setiap tes memakai ruang kunci Redis
    sendiri: tanda data dari tes sebelumnya (id yang dipakai ulang sesudah rollback) tidak terbaca.
    Halaman utuh bertembolok proses (``caches["halaman"]``) dan daftar indikator isian yang diingat
    dari tes sebelumnya juga dikosongkan: data demo yang disisipkan ulang membawa versi yang sama."""
    from django.core.cache import caches

    from sakip.audit import tanda
    from sakip.measurement import entry

    tanda._generasi += 1
    caches["halaman"].clear()
    entry._ISIAN.clear()
    yield


def redis_tes() -> str:
    """URL Redis untuk tes tembolok bersama jaringan (SAKIP_TES_REDIS_URL, bawaan 127.0.0.1:6379/14).
    Tidak terjangkau: tes dilewati, kecuali SAKIP_TES_REDIS_WAJIB diisi (CI): tes gagal."""
    import os

    import redis

    url = os.environ.get("SAKIP_TES_REDIS_URL", "redis://127.0.0.1:6379/14")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except Exception as e:
        if os.environ.get("SAKIP_TES_REDIS_WAJIB"):
            pytest.fail(f"Redis tidak dapat dihubungi di {url}: {e}")
        pytest.skip(f"Redis tidak tersedia ({url})")
    return url
