"""Perintah `sakip opd list`: satu OPD per baris."""

from django.core.management.base import BaseCommand

from sakip.organisations.models import PerangkatDaerah


class Command(BaseCommand):
    help = "Perangkat Daerah: 'sakip opd list' mencetak slug, nama dan Pemda setiap OPD."

    def add_arguments(self, parser):
        parser.add_argument("aksi", choices=["list"], help="list: daftar OPD")

    def handle(self, *args, **options):
        n = 0
        for opd in PerangkatDaerah.objects.select_related("pemda").order_by("pemda__nama", "nama"):
            self.stdout.write(f"{opd.slug}\t{opd.nama}\t{opd.pemda.nama}")
            n += 1
        if n == 0:
            self.stderr.write(
                "Belum ada Perangkat Daerah. Muat data contoh dengan 'sakip demo --no-serve' atau "
                "impor berkas OPD-tahun dengan 'sakip import BERKAS'."
            )
