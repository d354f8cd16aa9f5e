"""Perintah `sakip reviu`: reviu otomatis berkas atau OPD-tahun (teks/JSON/XLSX)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sakip.commands.management.commands.baca import baca_berkas
from sakip.interchange.baca.layanan import LaporanError, reviu_terpisah
from sakip.interchange.importer import import_document, read_document
from sakip.interchange.schema import InvalidDocument
from sakip.organisations.models import PerangkatDaerah
from sakip.review.engine import reviu_opd
from sakip.review.export import ringkasan, sebagai_json, sebagai_teks, tulis_xlsx


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Reviu otomatis sebuah laporan kinerja. 'sakip reviu BERKAS' memeriksa berkas OPD-tahun seperti tercetak "
        "(tanpa menyimpannya); 'sakip reviu --opd SLUG --tahun TAHUN' memeriksa data di basis data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "berkas",
            nargs="?",
            help="berkas YAML OPD-tahun, atau laporan tercetak .pdf, .docx, .txt (dibaca dulu)",
        )
        parser.add_argument("--opd", help="slug OPD")
        parser.add_argument("--tahun", type=int)
        parser.add_argument("--format", choices=["teks", "json", "xlsx"], default="teks")
        parser.add_argument("--output", help="berkas keluaran (wajib untuk xlsx)")

    def handle(self, *args, **o):
        if bool(o["berkas"]) == bool(o["opd"]):
            raise CommandError("Sebutkan BERKAS, atau --opd SLUG --tahun TAHUN (salah satu).")
        if o["format"] == "xlsx" and not o["output"]:
            raise CommandError("Format xlsx memerlukan --output BERKAS.xlsx")
        bacaan = None
        if o["berkas"]:
            try:
                if Path(o["berkas"]).suffix.lower() in {".yaml", ".yml"}:
                    doc = read_document(Path(o["berkas"]))
                else:
                    bacaan = baca_berkas(o["berkas"])
                    doc = read_document(bacaan.teks.encode("utf-8"), Path(o["berkas"]).name)
            except InvalidDocument as exc:
                raise CommandError(
                    "Berkas tidak dapat dibaca:\n" + "\n".join(f"  • {m}" for m in exc.masalah)
                ) from exc
            sumber = o["berkas"]
            if bacaan is not None:
                # laporan tercetak: diperiksa terpisah dari data OPD yang mungkin sudah ada
                try:
                    temuan = reviu_terpisah(bacaan.teks, Path(o["berkas"]).name)
                except LaporanError as exc:
                    raise CommandError(str(exc)) from exc
                nama, tahun = bacaan.draf["opd"]["nama"], bacaan.draf["tahun"]
            else:
                result = {}
                try:
                    with transaction.atomic():
                        hasil = import_document(doc)
                        result["temuan"] = reviu_opd(hasil.opd, hasil.tahun)
                        result["opd"], result["tahun"] = hasil.opd.nama, hasil.tahun
                        raise _Rollback  # berkas hanya diperiksa, tidak disimpan
                except _Rollback:
                    pass
                temuan, nama, tahun = result["temuan"], result["opd"], result["tahun"]
        else:
            if not o["tahun"]:
                raise CommandError("--tahun wajib diisi bersama --opd")
            opd = PerangkatDaerah.objects.filter(slug=o["opd"]).first()
            if opd is None:
                raise CommandError(
                    f"OPD dengan slug '{o['opd']}' tidak ditemukan. Lihat daftar: sakip opd list"
                )
            temuan, nama, tahun, sumber = (
                reviu_opd(opd, o["tahun"]),
                opd.nama,
                o["tahun"],
                "basis data",
            )
        judul = f"Reviu LKjIP {nama} tahun {tahun} ({sumber})"
        if o["format"] == "xlsx":
            tulis_xlsx(temuan, Path(o["output"]), judul)
            self.stdout.write(f"{ringkasan(temuan)}. Ditulis: {o['output']}")
            return
        text = (
            sebagai_json(
                temuan,
                {"opd": nama, "tahun": tahun, "sumber": sumber}
                | (
                    {
                        "pembacaan": {
                            "dibaca": bacaan.dibaca,
                            "tidak_terbaca": bacaan.tidak_terbaca,
                            "berselisih": bacaan.berselisih,
                        }
                    }
                    if bacaan
                    else {}
                ),
            )
            if o["format"] == "json"
            else sebagai_teks(temuan, judul)
        )
        if o["output"]:
            Path(o["output"]).write_text(text, encoding="utf-8")
            self.stdout.write(f"{ringkasan(temuan)}. Ditulis: {o['output']}")
        else:
            self.stdout.write(text)
        if bacaan is not None and o["format"] == "teks":
            self.stdout.write("\nPembacaan laporan:\n" + bacaan.laporan())
