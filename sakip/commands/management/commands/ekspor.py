"""Perintah `sakip export`: tulis satu OPD-tahun ke berkas pertukaran YAML."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sakip.interchange.exporter import ExportError, export_text
from sakip.organisations.models import PerangkatDaerah


class Command(BaseCommand):
    help = "Ekspor data satu OPD-tahun ke berkas pertukaran (YAML)."

    def add_arguments(self, parser):
        parser.add_argument("--opd", required=True, help="slug OPD (lihat: sakip opd list)")
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument("--output", help="berkas tujuan; bila kosong, dicetak ke layar")

    def handle(self, *args, **options):
        opd = PerangkatDaerah.objects.select_related("pemda").filter(slug=options["opd"]).first()
        if opd is None:
            raise CommandError(
                f"OPD dengan slug '{options['opd']}' tidak ditemukan. Lihat daftar: sakip opd list"
            )
        try:
            text = export_text(opd, options["tahun"])
        except ExportError as exc:
            raise CommandError(str(exc)) from exc
        if options.get("output"):
            Path(options["output"]).write_text(text, encoding="utf-8")
            self.stdout.write(f"Ditulis: {options['output']}")
        else:
            sys.stdout.write(text)
