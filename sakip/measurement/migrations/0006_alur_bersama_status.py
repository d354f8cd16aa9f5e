# Alur persetujuan bersama, langkah kedua (migrasi tersendiri: PostgreSQL menolak ALTER TABLE
# sesudah UPDATE berkunci asing dalam satu transaksi).

import django_fsm
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("measurement", "0005_alur_bersama"),
    ]

    operations = [
        migrations.RemoveField(
            model_name='persetujuanrealisasi',
            name='diubah_oleh',
        ),
        migrations.AlterField(
            model_name='persetujuanrealisasi',
            name='status',
            field=django_fsm.FSMField(choices=[('draft', 'Draf'), ('diajukan', 'Diajukan'), ('disetujui', 'Disetujui'), ('dikembalikan', 'Dikembalikan')], default='draft', max_length=15, protected=True, verbose_name='status'),
        ),
    ]
