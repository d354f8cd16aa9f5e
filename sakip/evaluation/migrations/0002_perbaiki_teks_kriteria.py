"""Teks kriteria yang terpotong oleh koma tanpa tanda kutip di templat LKE bawaan lama (1.b.7, 1.b.9,
1.c.3, 1.c.7, 1.c.8): potongannya tersimpan sebagai kunci liar bernilai kosong. Disambung kembali
ke teksnya, dalam urutan aslinya, di setiap versi templat yang tersimpan (juga salinan yang
diunggah Admin Pemda dari templat itu)."""

from django.db import migrations

KUNCI_KRITERIA = {"kode", "teks", "jawaban", "bobot", "panduan", "cek", "parameter"}


def sambung(apps, schema_editor):
    TemplatLKE = apps.get_model("evaluation", "TemplatLKE")
    for obj in TemplatLKE.objects.all():
        berubah = False
        for k in obj.isi.get("komponen") or []:
            for s in k.get("sub") or [] if isinstance(k, dict) else []:
                for c in s.get("kriteria") or [] if isinstance(s, dict) else []:
                    if not isinstance(c, dict):
                        continue
                    liar = [x for x in c if x not in KUNCI_KRITERIA and c[x] is None]
                    if not liar or not isinstance(c.get("teks"), str):
                        continue
                    c["teks"] = ", ".join([c["teks"].rstrip(), *(str(x).strip() for x in liar)])
                    for x in liar:
                        del c[x]
                    berubah = True
        if berubah:
            obj.save(update_fields=["isi"])


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]

    operations = [migrations.RunPython(sambung, migrations.RunPython.noop)]
