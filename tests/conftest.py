import pytest

from sakip.interchange.importer import import_file
from sakip.paths import SEEDS_DIR


@pytest.fixture
def denpasar(db):
    return import_file(SEEDS_DIR / "denpasar-2022.yaml").opd


@pytest.fixture
def klungkung(db):
    return import_file(SEEDS_DIR / "klungkung-2024.yaml").opd
