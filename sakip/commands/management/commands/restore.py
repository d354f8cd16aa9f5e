"""Perintah `sakip restore --ya BERKAS.zip`: pemulihan cadangan, juga ke mesin baru."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sakip.audit.backup import CadanganTidakSah, baca_cadangan, pulihkan


class Command(BaseCommand):
    help = (
        "Pulihkan basis data dan berkas unggahan dari cadangan 'sakip backup' — juga ke mesin baru, "
        "ke mesin basis data lain, dan dari cadangan versi lama. Data yang ada diganti seluruhnya; "
        "bila gagal, data yang ada tidak berubah. Hentikan aplikasi lebih dulu."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="berkas cadangan .zip")
        parser.add_argument(
            "--ya", action="store_true", help="jangan bertanya konfirmasi (wajib tanpa terminal)"
        )

    def handle(self, *args, **o):
        path = Path(o["path"])
        try:
            cadangan = baca_cadangan(path)
        except CadanganTidakSah as exc:
            raise CommandError(f"{exc} Data yang ada tidak diubah.") from exc
        if not o["ya"]:
            if not sys.stdin or not sys.stdin.isatty():
                raise CommandError(
                    "Pemulihan mengganti seluruh data. Tanpa terminal tidak dapat bertanya; "
                    f"tambahkan --ya untuk mengonfirmasi: sakip restore --ya {path}"
                )
            jawab = input(
                f"Seluruh data sekarang akan diganti dengan isi {path} "
                f"({cadangan.jumlah_baris} baris). Lanjutkan? (ya/tidak) "
            )
            if jawab.strip().lower() != "ya":
                raise CommandError("Dibatalkan; data tidak diubah.")
        try:
            n = pulihkan(cadangan)
        except CadanganTidakSah as exc:
            raise CommandError(f"{exc} Data yang ada tidak diubah.") from exc
        self.stdout.write(
            f"Dipulihkan: {n} baris data dan {len(cadangan.media)} berkas dari {path}"
        )
