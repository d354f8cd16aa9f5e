"""Versi bagian rencana per OPD/Pemda (kunci tembolok daftar indikator isian realisasi)."""

from django.db import migrations, models
from django.db.models import F


def mulai_dari_versi(apps, schema_editor):
    """Penghitung rencana baris yang sudah ada dimulai dari versi datanya (perubahan apa pun
    sebelum migrasi ini dianggap perubahan rencana)."""
    VersiData = apps.get_model("audit", "VersiData")  # noqa: N806
    VersiData.objects.update(versi_rencana=F("versi"), rencana_diubah_pada=F("diubah_pada"))


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_versi_data"),
    ]

    operations = [
        migrations.AddField(
            model_name="versidata",
            name="rencana_diubah_pada",
            field=models.DateTimeField(null=True, verbose_name="rencana diubah pada"),
        ),
        migrations.AddField(
            model_name="versidata",
            name="versi_rencana",
            field=models.BigIntegerField(default=0, verbose_name="versi rencana"),
        ),
        migrations.RunPython(mulai_dari_versi, migrations.RunPython.noop),
    ]
