"""Perintah `sakip backup BERKAS.zip`: cadangan lengkap (semua baris dan berkas unggahan)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sakip.audit.backup import CadanganTidakSah, tulis_cadangan


class Command(BaseCommand):
    help = (
        "Cadangkan seluruh basis data dan berkas unggahan ke satu berkas .zip (konsisten, apa pun "
        "mesinnya; skema dicatat agar dapat dipulihkan ke versi sakip yang lebih baru)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="berkas .zip tujuan")

    def handle(self, *args, **o):
        path = Path(o["path"])
        try:
            total = tulis_cadangan(path)
        except CadanganTidakSah as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Cadangan ditulis: {path} ({total} baris data)")
