"""Fixture bersama uji perencanaan: OPD baru di Pemda baru dan Operator-nya."""

import pytest

from sakip.organisations.models import Pemda, Peran, PerangkatDaerah
from tests.conftest import pengguna


@pytest.fixture
def opd_baru(db):
    pemda = Pemda.objects.create(slug="kabupaten-uji", nama="Kabupaten Uji", jenis="kabupaten")
    return PerangkatDaerah.objects.create(pemda=pemda, slug="disnaker-uji", nama="Disnaker Uji")


@pytest.fixture
def operator(opd_baru):
    return pengguna("op.uji", Peran.OPERATOR_OPD, opd_baru)
