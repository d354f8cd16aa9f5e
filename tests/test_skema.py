"""The one-step schema of a new database (sakip/skema.py) equals the schema the migration history
builds — every table, column, type, nullability, index and constraint — with the same initial data;
and every data migration is classified, so a new one cannot be silently skipped on new databases."""

import json
import subprocess
import sys

from django.db import migrations
from django.db.migrations.loader import MigrationLoader

from sakip import skema
from tests.conftest import jalankan_sakip

DUMP = r"""
import json, os, django
os.environ["DJANGO_SETTINGS_MODULE"] = "sakip.settings"
django.setup()
from django.db import connection
out = {}
with connection.cursor() as c:
    for t in sorted(connection.introspection.table_names(c)):
        if t == "django_migrations":
            continue
        cols = sorted(
            (d.name, d.type_code if isinstance(d.type_code, (int, str)) else str(d.type_code),
             bool(d.null_ok))
            for d in connection.introspection.get_table_description(c, t)
        )
        cons = connection.introspection.get_constraints(c, t)
        norm = sorted(
            json.dumps(
                [x["columns"], x["unique"], x["primary_key"], x["foreign_key"], x["check"],
                 x["index"]],
                default=str,
            )
            for x in cons.values()
        )
        out[t] = {"kolom": cols, "batasan": norm}
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from sakip.planning.models import NomenklaturEntri, NomenklaturVersi
from django.db.migrations.recorder import MigrationRecorder
out["_data"] = {
    "nomenklatur": sorted(NomenklaturEntri.objects.values_list("kode", "nama", "tingkat")),
    "versi": sorted(NomenklaturVersi.objects.values_list("kode", "judul", "sumber")),
    "izin": sorted(Permission.objects.values_list("content_type__app_label", "codename")),
    "jenis": sorted(ContentType.objects.values_list("app_label", "model")),
    "migrasi": sorted(MigrationRecorder.Migration.objects.values_list("app", "name")),
}
print(json.dumps(out, default=str))
"""


def _dump(env) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", DUMP], env=env, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_every_data_migration_is_classified():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    runpython = {
        key
        for key, m in loader.disk_migrations.items()
        if m.__module__.startswith("sakip.")
        and any(isinstance(op, migrations.RunPython) for op in m.operations)
    }
    assert runpython == set(skema.ISI_AWAL) | skema.UBAH_DATA
    assert not set(skema.ISI_AWAL) & skema.UBAH_DATA


def test_one_step_schema_equals_the_migration_history(basis_data_baru):
    riwayat, satu = basis_data_baru(), basis_data_baru()
    jalankan_sakip(riwayat, "migrate")  # Django's migrate: the whole history, one by one
    p = jalankan_sakip(satu, "opd", "list")  # the first command on a new database
    assert "Menyiapkan basis data baru" in p.stderr
    a, b = _dump(riwayat), _dump(satu)
    assert a.keys() == b.keys()
    beda = [t for t in a if a[t] != b[t]]
    assert not beda, {
        t: {
            k: {
                "hanya riwayat": [x for x in a[t][k] if x not in b[t][k]],
                "hanya satu langkah": [x for x in b[t][k] if x not in a[t][k]],
            }
            for k in ("kolom", "batasan")
        }
        for t in beda[:3]
    }
    assert len(a["_data"]["nomenklatur"]) > 2000
    # and the one-step database then migrates like any other (nothing left to apply)
    p = jalankan_sakip(satu, "migrate")
    assert "No migrations to apply" in p.stdout


def test_a_database_with_tables_is_never_rebuilt(db_proses):
    """Only an empty database takes the one-step path; a used one gets ordinary migrations."""
    jalankan_sakip(db_proses, "migrate", "planning", "0007")
    p = jalankan_sakip(db_proses, "opd", "list")
    assert "Menyiapkan basis data (" in p.stderr and "baru" not in p.stderr
    assert _dump(db_proses)["_data"]["nomenklatur"]  # 0008 ran as a migration
