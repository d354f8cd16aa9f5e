"""Evaluasi AKIP tingkat Pemda: ``Evaluasi.pemda`` (diisi dari OPD setiap evaluasi yang ada),
``opd`` boleh kosong (= evaluasi Pemda itu sendiri), keunikan versi per OPD dan per Pemda."""

import django.db.models.deletion
from django.db import migrations, models


def isi_pemda(apps, schema_editor):
    Evaluasi = apps.get_model("evaluation", "Evaluasi")
    PerangkatDaerah = apps.get_model("organisations", "PerangkatDaerah")
    pemda_opd = dict(PerangkatDaerah.objects.values_list("pk", "pemda_id"))
    for ev in Evaluasi.objects.all().only("pk", "opd_id"):
        Evaluasi.objects.filter(pk=ev.pk).update(pemda_id=pemda_opd[ev.opd_id])


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0002_perbaiki_teks_kriteria"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="evaluasi", name="evaluasi_versi_unik"),
        migrations.AddField(
            model_name="evaluasi",
            name="pemda",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="evaluasi",
                to="organisations.pemda",
                verbose_name="Pemda",
            ),
        ),
        migrations.RunPython(isi_pemda, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="evaluasi",
            name="pemda",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="evaluasi",
                to="organisations.pemda",
                verbose_name="Pemda",
            ),
        ),
        migrations.AlterField(
            model_name="evaluasi",
            name="opd",
            field=models.ForeignKey(
                blank=True,
                help_text="kosong: evaluasi AKIP Pemda itu sendiri",
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="evaluasi",
                to="organisations.perangkatdaerah",
                verbose_name="Perangkat Daerah",
            ),
        ),
        migrations.AlterModelOptions(
            name="evaluasi",
            options={
                "ordering": ["pemda_id", "opd_id", "tahun", "versi"],
                "verbose_name": "Evaluasi AKIP",
                "verbose_name_plural": "Evaluasi AKIP",
            },
        ),
        migrations.AddConstraint(
            model_name="evaluasi",
            constraint=models.UniqueConstraint(
                condition=models.Q(opd__isnull=False),
                fields=("opd", "tahun", "versi"),
                name="evaluasi_versi_unik",
            ),
        ),
        migrations.AddConstraint(
            model_name="evaluasi",
            constraint=models.UniqueConstraint(
                condition=models.Q(opd__isnull=True),
                fields=("pemda", "tahun", "versi"),
                name="evaluasi_pemda_versi_unik",
            ),
        ),
    ]
