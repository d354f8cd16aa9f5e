import os
import subprocess
import sys
import time

import pytest
from django.core.management import call_command

from sakip.audit.models import JejakAudit
from sakip.measurement.models import Realisasi
from sakip.planning.models import Indikator
from tests.demo_cepat import muat_demo


@pytest.mark.django_db
def test_audit_records_who_when_old_new(client, db):
    muat_demo()
    client.login(username="operator.disnaker", password="sakip-demo-2022")
    tpt = Indikator.objects.get(kode="T1-1", opd__slug="disnaker-denpasar")
    url = "/opd/disnaker-denpasar/2022/realisasi/tw4/"
    client.post(url, {f"p-{tpt.id}": "30.000", f"q-{tpt.id}": "400.000"})
    client.post(url, {f"p-{tpt.id}": "31.000", f"q-{tpt.id}": "400.000"})
    r = Realisasi.objects.get(indikator=tpt, periode="tw4")
    log = list(
        JejakAudit.objects.filter(model="measurement.Realisasi", objek_id=str(r.pk)).order_by("id")
    )
    assert [e.aksi for e in log] == ["buat", "ubah"]
    assert log[1].user.username == "operator.disnaker"
    assert log[1].perubahan["pembilang"] == ["30000", "31000"]
    html = client.get(
        f"/opd/disnaker-denpasar/riwayat/?model=measurement.Realisasi&id={r.pk}"
    ).content.decode()
    assert "30000 → 31000" in html
    client.login(username="operator.klungkung", password="sakip-demo-2024")
    assert client.get("/opd/disnaker-denpasar/riwayat/").status_code == 403


@pytest.mark.django_db
def test_audit_trail_cannot_be_edited_in_admin(admin_client, db):
    muat_demo()
    e = JejakAudit.objects.first()
    assert admin_client.get(f"/admin/audit/jejakaudit/{e.pk}/change/").status_code in (200, 403)
    assert (
        admin_client.post(f"/admin/audit/jejakaudit/{e.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert JejakAudit.objects.filter(pk=e.pk).exists()


def test_killed_import_leaves_the_database_as_before(db_proses):
    """A real process is killed while importing: nothing of the file is in the database afterwards
    (on PostgreSQL in CI: a database of its own on the same server)."""
    env = db_proses
    subprocess.run([sys.executable, "-m", "sakip.cli", "migrate", "-v0"], env=env, check=True)
    seed = os.path.join(
        os.path.dirname(__file__), "..", "..", "sakip", "seeds", "klungkung-2024.yaml"
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "sakip.cli", "import", seed],
        env={**env, "SAKIP_IMPOR_JEDA": "0.3"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(4)
    proc.kill()
    proc.wait()
    out = subprocess.run(
        [sys.executable, "-m", "sakip.cli", "opd", "list"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    assert "disnaker-klungkung" not in out.stdout


@pytest.mark.django_db
def test_login_throttling_and_security_headers(client, db):
    muat_demo()
    for _ in range(5):
        client.post("/masuk/", {"username": "operator.disnaker", "password": "salah-sekali"})
    resp = client.post("/masuk/", {"username": "operator.disnaker", "password": "sakip-demo-2022"})
    assert resp.status_code in (403, 429) and "Terlalu banyak percobaan" in resp.content.decode()
    page = client.get("/masuk/")
    csp = page["Content-Security-Policy"]
    assert (
        "script-src 'self'" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )
    assert page["X-Frame-Options"] == "DENY" and page["X-Content-Type-Options"] == "nosniff"


def test_no_inline_scripts_in_templates():
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2] / "sakip"
    for tpl in root.rglob("templates/**/*.html"):
        text = tpl.read_text()
        for m in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            assert "application/json" in m.group(0), f"skrip sebaris di {tpl}"
        assert not re.search(r"\son(click|load|change|submit)=", text), (
            f"atribut event sebaris di {tpl}"
        )


@pytest.mark.django_db
def test_serve_refuses_unsafe_production_settings(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = True
    with pytest.raises(CommandError, match="DEBUG menyala"):
        call_command("serve", "--cek")
    settings.DEBUG = False
    settings.SECRET_KEY = settings.DEFAULT_SECRET_KEY
    with pytest.raises(CommandError, match="SAKIP_SECRET_KEY"):
        call_command("serve", "--cek")
    settings.SECRET_KEY = "x" * 50
    settings.ALLOWED_HOSTS = ["sakip.denpasarkota.go.id"]
    call_command("serve", "--cek")
