"""Perintah `sakip pemda list`: satu Pemda per baris (slug, nama, jumlah OPD)."""

from django.core.management.base import BaseCommand
from django.db.models import Count

from sakip.organisations.models import Pemda


class Command(BaseCommand):
    help = "Pemda: 'sakip pemda list' mencetak slug, nama dan jumlah Perangkat Daerah setiap Pemda."

    def add_arguments(self, parser):
        parser.add_argument("aksi", choices=["list"], help="list: daftar Pemda")

    def handle(self, *args, **options):
        n = 0
        for p in Pemda.objects.annotate(jumlah_opd=Count("opd")).order_by("nama", "id"):
            self.stdout.write(f"{p.slug}\t{p.nama}\t{p.jumlah_opd} OPD")
            n += 1
        if n == 0:
            self.stderr.write(
                "Belum ada Pemda. Muat data contoh dengan 'sakip demo --no-serve' atau impor berkas "
                "OPD-tahun dengan 'sakip import BERKAS'."
            )
