"""Versi nomenklatur bawaan: Permendagri 90/2019 kabupaten/kota, dari berkas data yang dikirim
bersama sakip (sumbernya tertulis di kepala berkas)."""

import csv
from pathlib import Path

from django.db import migrations

BERKAS = Path(__file__).resolve().parent.parent / "data" / "nomenklatur-permendagri-90-2019.csv"


def muat(apps, schema_editor):
    from sakip.core.kode import kunci_nomenklatur

    Versi = apps.get_model("planning", "NomenklaturVersi")
    Entri = apps.get_model("planning", "NomenklaturEntri")
    teks = BERKAS.read_text(encoding="utf-8").splitlines()
    sumber = " ".join(b.lstrip("# ").rstrip() for b in teks if b.startswith("#"))
    versi = Versi.objects.create(
        kode="permendagri-90-2019",
        judul="Permendagri 90/2019 — kabupaten/kota",
        sumber=sumber,
        berlaku_mulai=2021,
    )
    baris = list(csv.DictReader(b for b in teks if not b.startswith("#")))
    tingkat = {3: 3, 5: 4, 6: 5}
    entri = []
    for b in baris:
        kunci = kunci_nomenklatur(b["kode"])
        entri.append(
            Entri(
                versi=versi,
                kode=b["kode"],
                kunci=kunci,
                nama=b["nama"],
                tingkat=tingkat[len(kunci.split("."))],
            )
        )
    Entri.objects.bulk_create(entri, batch_size=1000)


def hapus(apps, schema_editor):
    apps.get_model("planning", "NomenklaturVersi").objects.filter(
        kode="permendagri-90-2019"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("planning", "0007_nomenklatur")]

    operations = [migrations.RunPython(muat, hapus)]
