import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from sakip.organisations.models import Keanggotaan, Peran, PerangkatDaerah


@pytest.mark.django_db
def test_demo_loads_both_seeds_and_one_login_per_role(capsys):
    from sakip.rpjmd.models import RPJMD

    call_command("demo", "--no-serve")
    out = capsys.readouterr().out
    # both seeds, and the example Pemda: three OPDs of different kinds, marked as example data
    assert PerangkatDaerah.objects.count() == 5
    contoh = RPJMD.objects.get(pemda__slug="kabupaten-contoh")
    assert contoh.contoh and not RPJMD.objects.get(pemda__slug="kota-denpasar").contoh
    assert set(contoh.pemda.opd.values_list("slug", flat=True)) == {
        "disnaker-contoh",
        "bappeda-contoh",
        "kecamatan-contoh-utara",
    }
    from sakip.organisations.models import Jabatan

    jenis = set(Jabatan.objects.filter(opd__pemda=contoh.pemda).values_list("jenis", flat=True))
    assert {"kepala", "sekretaris", "kepala_bidang", "kepala_seksi", "fungsional"} <= jenis
    assert {k.peran for k in Keanggotaan.objects.all()} == set(Peran.values)
    assert "operator.disnaker" in out and "Operator OPD" in out
    user = get_user_model().objects.get(username="operator.disnaker")
    assert user.check_password("sakip-demo-2022")
    # a second run reuses what is there
    call_command("demo", "--no-serve")
    assert "sudah ada" in capsys.readouterr().out
    assert PerangkatDaerah.objects.count() == 5


@pytest.mark.django_db
def test_admin_pages_render_for_every_model(admin_client, denpasar):
    from django.contrib import admin

    for model in admin.site._registry:
        meta = model._meta
        resp = admin_client.get(f"/admin/{meta.app_label}/{meta.model_name}/")
        assert resp.status_code == 200, meta.label
