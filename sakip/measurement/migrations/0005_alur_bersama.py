# Alur persetujuan bersama (sakip.workflow): status django-fsm-2, pengaju dan pemutus.

import django.db.models.deletion
import django_fsm
from django.conf import settings
from django.db import migrations, models


def pindahkan_pengubah(apps, schema_editor):
    """Alur bersama: 'diubah_oleh' lama menjadi pengaju (diajukan) atau pemutus (disetujui/dikembalikan)."""
    db = schema_editor.connection.alias  # pemulihan membangun basis data lain, bukan 'default'
    PR = apps.get_model("measurement", "PersetujuanRealisasi")
    for st in PR.objects.using(db).exclude(diubah_oleh=None):
        if st.status == "diajukan":
            st.diajukan_oleh_id, st.diajukan_pada = st.diubah_oleh_id, st.diubah_pada
        elif st.status in ("disetujui", "dikembalikan"):
            st.diputuskan_oleh_id, st.diputuskan_pada = st.diubah_oleh_id, st.diubah_pada
        else:
            continue
        PR.objects.using(db).filter(pk=st.pk).update(
            diajukan_oleh_id=st.diajukan_oleh_id,
            diajukan_pada=st.diajukan_pada,
            diputuskan_oleh_id=st.diputuskan_oleh_id,
            diputuskan_pada=st.diputuskan_pada,
        )


def kembalikan_pengubah(apps, schema_editor):
    db = schema_editor.connection.alias
    PR = apps.get_model("measurement", "PersetujuanRealisasi")
    for st in PR.objects.using(db).all():
        oleh = st.diputuskan_oleh_id or st.diajukan_oleh_id
        if oleh:
            PR.objects.using(db).filter(pk=st.pk).update(diubah_oleh_id=oleh)


class Migration(migrations.Migration):

    dependencies = [
        ('measurement', '0004_ringkasan_capaian'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='persetujuanrealisasi',
            name='diajukan_oleh',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='diajukan oleh'),
        ),
        migrations.AddField(
            model_name='persetujuanrealisasi',
            name='diajukan_pada',
            field=models.DateTimeField(blank=True, null=True, verbose_name='diajukan pada'),
        ),
        migrations.AddField(
            model_name='persetujuanrealisasi',
            name='diputuskan_oleh',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='diputuskan oleh'),
        ),
        migrations.AddField(
            model_name='persetujuanrealisasi',
            name='diputuskan_pada',
            field=models.DateTimeField(blank=True, null=True, verbose_name='diputuskan pada'),
        ),
        migrations.RunPython(pindahkan_pengubah, kembalikan_pengubah),
    ]
