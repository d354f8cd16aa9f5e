"""sakip ringkasan [--semua]: segarkan ringkasan capaian (dasar peringkat SQL)."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from sakip.measurement import ringkasan
from sakip.organisations.models import PerangkatDaerah


class Command(BaseCommand):
    help = (
        "Hitung ulang ringkasan capaian yang kedaluwarsa; dengan --semua, bangun ulang untuk semua "
        "OPD dan tahun (mis. setelah data dimuat langsung lewat SQL)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--semua", action="store_true", help="bangun ulang seluruhnya")

    def handle(self, *args, **o):
        t = time.perf_counter()
        if o["semua"]:
            ids = list(PerangkatDaerah.objects.values_list("id", flat=True))
            n = 0
            for i in range(0, len(ids), 200):
                with transaction.atomic():
                    n += ringkasan.hitung_ulang(
                        [(x, ringkasan.SEMUA_TAHUN) for x in ids[i : i + 200]]
                    )
                self.stdout.write(f"[{min(i + 200, len(ids))}/{len(ids)}] OPD")
        else:
            n = ringkasan.segarkan()
        detik = f"{time.perf_counter() - t:.1f}".replace(".", ",")
        self.stdout.write(f"Ringkasan capaian: {n} baris ditulis dalam {detik} detik.")
