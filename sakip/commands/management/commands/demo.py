"""Perintah `sakip demo`: siapkan data demo dan jalankan aplikasi."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from sakip.commands.demo import ensure_demo_users, load_seeds
from sakip.organisations.models import Peran


class Command(BaseCommand):
    help = "Siapkan basis data, muat data demo (LKjIP Denpasar 2022 dan Klungkung 2024), buat akun demo, lalu jalankan aplikasi."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-serve", action="store_true", help="hanya siapkan data, jangan jalankan server"
        )
        parser.add_argument("--port", type=int, default=8000, help="port server (bawaan 8000)")
        parser.add_argument("--host", default="127.0.0.1", help="alamat server (bawaan 127.0.0.1)")
        parser.add_argument(
            "--muat-ulang", action="store_true", help="impor ulang data contoh walau sudah ada"
        )

    def handle(self, *args, **options):
        db = settings.DATABASES["default"]
        self.stdout.write(f"Folder data: {settings.SAKIP_HOME}")
        self.stdout.write(f"Basis data : {db['ENGINE'].rsplit('.', 1)[-1]} {db['NAME']}")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Migrasi basis data: selesai.")
        loaded = load_seeds(force=options["muat_ulang"])
        for line in loaded:
            self.stdout.write(f"Data contoh dimuat: {line}")
        if not loaded:
            self.stdout.write("Data contoh sudah ada; dipakai apa adanya.")
        akun = ensure_demo_users()
        self.stdout.write("\nAkun demo (nama pengguna / kata sandi — peran):")
        for a in akun:
            where = a.opd_slug or a.pemda_slug
            label = a.peran if a.superuser else Peran(a.peran).label
            self.stdout.write(f"  {a.username:<22} {a.password:<18} {label} ({where})")
        if options["no_serve"]:
            return
        addr = f"{options['host']}:{options['port']}"
        import signal
        import sys

        pekerja = _mulai_pekerja()
        self.stdout.write(f"Pekerja tugas latar berjalan (PID {pekerja.pid}).")
        self.stdout.write(f"\nsakip berjalan di http://{addr}/  (hentikan dengan Ctrl+C)\n")
        # SIGTERM (systemd, kill) menghentikan server seperti Ctrl+C, sehingga pekerja ikut berhenti
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            call_command("runserver", addr, use_reloader=False)
        finally:
            _hentikan(pekerja)


def _mulai_pekerja():
    """Satu pekerja tugas latar di samping server demo (proses anak; ikut berhenti)."""
    import subprocess
    import sys

    from django.db import connections

    connections.close_all()
    return subprocess.Popen(
        [sys.executable, "-m", "sakip.cli", "worker", "--verbosity", "0", "--ikut-induk"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,  # galat tetap tercatat di $SAKIP_HOME/log/galat.log
    )


def _hentikan(proses) -> None:
    import subprocess

    if proses.poll() is None:
        proses.terminate()
        try:
            proses.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proses.kill()
