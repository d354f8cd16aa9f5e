# Alur persetujuan bersama (sakip.workflow): status django-fsm-2, pengaju dan pemutus.

import django.db.models.deletion
import django_fsm
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reporting', '0002_persetujuanlkjip'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='persetujuanlkjip',
            name='diajukan_oleh',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='diajukan oleh'),
        ),
        migrations.AlterField(
            model_name='persetujuanlkjip',
            name='diajukan_pada',
            field=models.DateTimeField(blank=True, null=True, verbose_name='diajukan pada'),
        ),
        migrations.AlterField(
            model_name='persetujuanlkjip',
            name='diputuskan_oleh',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='diputuskan oleh'),
        ),
        migrations.AlterField(
            model_name='persetujuanlkjip',
            name='diputuskan_pada',
            field=models.DateTimeField(blank=True, null=True, verbose_name='diputuskan pada'),
        ),
        migrations.AlterField(
            model_name='persetujuanlkjip',
            name='status',
            field=django_fsm.FSMField(choices=[('draft', 'Draf'), ('diajukan', 'Diajukan'), ('disetujui', 'Disetujui'), ('dikembalikan', 'Dikembalikan')], default='draft', max_length=15, protected=True, verbose_name='status'),
        ),
    ]
