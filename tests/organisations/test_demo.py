import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from sakip.organisations.models import Keanggotaan, Peran, PerangkatDaerah


@pytest.mark.django_db
def test_demo_loads_both_seeds_and_one_login_per_role(capsys):
    call_command("demo", "--no-serve")
    out = capsys.readouterr().out
    assert PerangkatDaerah.objects.count() == 2
    assert {k.peran for k in Keanggotaan.objects.all()} == set(Peran.values)
    assert "operator.disnaker" in out and "Operator OPD" in out
    user = get_user_model().objects.get(username="operator.disnaker")
    assert user.check_password("sakip-demo-2022")
    # a second run reuses what is there
    call_command("demo", "--no-serve")
    assert "sudah ada" in capsys.readouterr().out
    assert PerangkatDaerah.objects.count() == 2


@pytest.mark.django_db
def test_admin_pages_render_for_every_model(admin_client, denpasar):
    from django.contrib import admin

    for model in admin.site._registry:
        meta = model._meta
        resp = admin_client.get(f"/admin/{meta.app_label}/{meta.model_name}/")
        assert resp.status_code == 200, meta.label
