"""Jenis tugas baru: membaca laporan tercetak yang diunggah (PDF tebal dibaca di latar)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('tugas', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='tugas',
            name='jenis',
            field=models.CharField(choices=[('dokumen', 'Dokumen'), ('dokumen-pemda', 'Dokumen Pemda'), ('lkjip-semua', 'LKjIP semua OPD (ZIP)'), ('ringkasan', 'Ringkasan capaian'), ('reviu-laporan', 'Reviu laporan tercetak'), ('baca-laporan', 'Membaca laporan tercetak yang diunggah'), ('evaluasi-otomatis', 'Jawaban otomatis evaluasi')], max_length=30, verbose_name='jenis'),
        ),
    ]
