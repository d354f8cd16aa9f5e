"""Perintah `sakip serve`: server produksi (gunicorn + whitenoise)."""

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def production_problems() -> list[str]:
    problems = []
    if settings.DEBUG:
        problems.append("DEBUG menyala (SAKIP_DEBUG); matikan untuk produksi")
    if settings.SECRET_KEY == settings.DEFAULT_SECRET_KEY or len(settings.SECRET_KEY) < 32:
        problems.append("SAKIP_SECRET_KEY kosong/bawaan atau kurang dari 32 karakter")
    if not settings.ALLOWED_HOSTS or settings.ALLOWED_HOSTS == ["*"]:
        problems.append("SAKIP_ALLOWED_HOSTS harus menyebut nama host server")
    return problems


class Command(BaseCommand):
    help = (
        "Jalankan sakip dengan server produksi (gunicorn, berkas statis oleh whitenoise). Setelan dari "
        "lingkungan. Jalankan juga pekerja tugas latar sebagai layanan kedua: sakip worker "
        "(lihat docs/deploy.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("SAKIP_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("SAKIP_WORKERS", str((os.cpu_count() or 1) * 2 + 1))),
        )
        parser.add_argument(
            "--cek", action="store_true", help="hanya periksa setelan produksi lalu keluar"
        )

    def handle(self, *args, **o):
        problems = production_problems()
        if problems:
            raise CommandError(
                "sakip tidak dijalankan dalam mode produksi:\n  - " + "\n  - ".join(problems)
            )
        if o["cek"]:
            self.stdout.write("Setelan produksi lengkap.")
            return
        from sakip.tugas.services import pekerja_aktif

        try:
            tanpa_pekerja = not pekerja_aktif()
        except Exception:  # skema belum ada: migrate di bawah
            tanpa_pekerja = True
        if tanpa_pekerja:
            self.stderr.write(
                "Catatan: belum ada pekerja tugas latar (sakip worker); dokumen dibuat langsung di "
                "proses web sampai pekerja berjalan. Lihat docs/deploy.md."
            )
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        # Tutup sambungan basis data proses induk sebelum gunicorn mem-fork worker: sambungan
        # yang terwariskan akan dipakai bersama oleh semua worker dan jawaban kueri tertukar
        # (ditemukan uji beban bench/bench_beban.py pada PostgreSQL: 404/500 acak).
        from django.db import connections

        connections.close_all()
        from gunicorn.app.wsgiapp import run

        sys.argv = [
            "gunicorn",
            "sakip.wsgi:application",
            "--bind",
            o["bind"],
            "--workers",
            str(o["workers"]),
            "--access-logfile",
            "-",
            "--timeout",
            "120",
        ]
        run()
