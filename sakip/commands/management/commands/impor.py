"""Perintah `sakip import BERKAS`: impor satu OPD-tahun, semua atau tidak sama sekali."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sakip.interchange.importer import import_file
from sakip.interchange.schema import InvalidDocument


class Command(BaseCommand):
    help = (
        "Impor berkas OPD-tahun (YAML sakip/opd-tahun atau buku kerja perencana .xlsx) atau berkas "
        "Pemda. Semua atau tidak sama sekali."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas", nargs="+", help="berkas YAML atau buku kerja .xlsx")

    def handle(self, *args, **options):
        failed = 0
        for name in options["berkas"]:
            path = Path(name)
            try:
                hasil = import_file(path)
            except InvalidDocument as exc:
                failed += 1
                self.stderr.write(
                    f"Gagal mengimpor {path} — tidak ada yang disimpan. {len(exc.masalah)} masalah:"
                )
                for m in exc.masalah:
                    self.stderr.write(f"  • {m}")
                continue
            self.stdout.write(f"Diimpor: {hasil.ringkasan()}")
        if failed:
            raise CommandError(f"{failed} berkas gagal diimpor")
