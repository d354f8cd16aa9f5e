"""Fixture bersama tes isian realisasi: data demo, OPD Disnaker Denpasar, operator dan kepalanya."""

import pytest
from django.contrib.auth import get_user_model

from sakip.organisations.models import PerangkatDaerah
from tests.demo_cepat import muat_demo


@pytest.fixture
def demo(db):
    muat_demo()
    users = get_user_model().objects
    return (
        PerangkatDaerah.objects.get(slug="disnaker-denpasar"),
        users.get(username="operator.disnaker"),
        users.get(username="kepala.disnaker"),
    )
