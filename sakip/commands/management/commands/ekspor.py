"""Perintah `sakip export`: tulis satu OPD-tahun (atau, dengan --pemda, berkas Pemda) ke YAML, atau
ke buku kerja perencana bila --output berakhiran .xlsx."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sakip.interchange.buku_rencana import tulis_buku
from sakip.interchange.exporter import ExportError, export_data, export_text
from sakip.interchange.pemda_tulis import export_pemda_text
from sakip.organisations.models import Pemda, PerangkatDaerah


class Command(BaseCommand):
    help = (
        "Ekspor data satu OPD-tahun ke berkas pertukaran (YAML); dengan --pemda: berkas Pemda "
        "(RPJMD yang berlaku pada --tahun, jabatan dan keselarasan setiap OPD). Bila --output "
        "berakhiran .xlsx, OPD-tahun ditulis sebagai buku kerja perencana (seluruh rencana dalam "
        "lembar-lembar Excel)."
    )

    def add_arguments(self, parser):
        grup = parser.add_mutually_exclusive_group(required=True)
        grup.add_argument("--opd", help="slug OPD (lihat: sakip opd list)")
        grup.add_argument("--pemda", help="slug Pemda (lihat: sakip pemda list)")
        parser.add_argument("--tahun", required=True, type=int)
        parser.add_argument(
            "--output",
            help="berkas tujuan (.yaml atau .xlsx, menurut akhirannya); bila kosong, YAML dicetak ke layar",
        )

    def handle(self, *args, **options):
        if options.get("pemda"):
            pemda = Pemda.objects.filter(slug=options["pemda"]).first()
            if pemda is None:
                raise CommandError(
                    f"Pemda dengan slug '{options['pemda']}' tidak ditemukan. Lihat daftar: sakip pemda list"
                )
            if (options.get("output") or "").lower().endswith(".xlsx"):
                raise CommandError(
                    "Berkas Pemda ditulis sebagai YAML (--output ….yaml); RPJMD dalam Excel "
                    "diunduh dari halaman RPJMD."
                )
            return self._tulis(export_pemda_text(pemda, options["tahun"]), options)
        opd = PerangkatDaerah.objects.select_related("pemda").filter(slug=options["opd"]).first()
        if opd is None:
            raise CommandError(
                f"OPD dengan slug '{options['opd']}' tidak ditemukan. Lihat daftar: sakip opd list"
            )
        xlsx = (options.get("output") or "").lower().endswith(".xlsx")
        try:
            if xlsx:
                data = tulis_buku(export_data(opd, options["tahun"]))
            else:
                text = export_text(opd, options["tahun"])
        except ExportError as exc:
            raise CommandError(str(exc)) from exc
        if xlsx:
            Path(options["output"]).write_bytes(data)
            self.stdout.write(f"Ditulis: {options['output']} (buku kerja perencana)")
            return
        self._tulis(text, options)

    def _tulis(self, text: str, options) -> None:
        if options.get("output"):
            Path(options["output"]).write_text(text, encoding="utf-8")
            self.stdout.write(f"Ditulis: {options['output']}")
        else:
            sys.stdout.write(text)
