"""Perintah `sakip baca`: baca laporan kinerja tercetak (PDF, DOCX, teks) menjadi draf berkas OPD-tahun."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sakip.interchange.baca import BacaError, baca_laporan


def baca_berkas(path: str):
    """Hasil pembacaan berkas, atau CommandError berbahasa Indonesia."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise CommandError(f"Berkas '{path}' tidak ditemukan.") from None
    except OSError as exc:
        raise CommandError(f"Berkas '{path}' tidak dapat dibaca: {exc.strerror}.") from None
    try:
        return baca_laporan(data, p.name)
    except BacaError as exc:
        raise CommandError(str(exc)) from None


class Command(BaseCommand):
    help = (
        "Baca laporan kinerja tercetak (.pdf, .docx, .txt) menjadi draf berkas OPD-tahun: identitas, "
        "indikator, target, realisasi, anggaran, dan setiap angka tercetak dengan tempatnya. "
        "Laporan pembacaan (yang dibaca dan yang tidak dapat ditempatkan) dicetak."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas", help="laporan tercetak: .pdf, .docx atau .txt")
        parser.add_argument("--output", help="tulis draf YAML ke berkas ini (untuk sakip import)")

    def handle(self, *args, **o):
        hasil = baca_berkas(o["berkas"])
        self.stdout.write(hasil.laporan())
        if o["output"]:
            try:
                Path(o["output"]).write_text(hasil.teks, encoding="utf-8")
            except OSError as exc:
                raise CommandError(
                    f"Draf tidak dapat ditulis ke '{o['output']}': {exc.strerror}."
                ) from None
            self.stdout.write(
                f"Draf ditulis: {o['output']} — periksa, lalu: sakip import {o['output']}"
            )
