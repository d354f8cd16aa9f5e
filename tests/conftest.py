import pytest

from sakip.interchange.importer import import_file
from sakip.paths import SEEDS_DIR


@pytest.fixture
def denpasar(db):
    return import_file(SEEDS_DIR / "denpasar-2022.yaml").opd


@pytest.fixture
def klungkung(db):
    return import_file(SEEDS_DIR / "klungkung-2024.yaml").opd


@pytest.fixture
def db_proses(tmp_path):
    """Lingkungan untuk proses sungguhan (subprocess) yang berbagi satu basis data baru.

    Dengan ``DATABASE_URL`` PostgreSQL (CI), dibuat basis data PostgreSQL tersendiri lalu dihapus;
    tanpa itu, berkas SQLite di ``tmp_path``. Mengembalikan ``env`` untuk subprocess.
    """
    import os
    import uuid
    from urllib.parse import urlparse, urlunparse

    url = os.environ.get("DATABASE_URL", "")
    env = {**os.environ, "SAKIP_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "sakip.settings"}
    if not url.startswith(("postgres://", "postgresql://")):
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'proses.sqlite3'}"
        yield env
        return
    import psycopg

    parsed = urlparse(url)
    name = f"sakip_proses_{uuid.uuid4().hex[:10]}"
    admin = urlunparse(parsed._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = urlunparse(parsed._replace(path=f"/{name}"))
    try:
        yield env
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
