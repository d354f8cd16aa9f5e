"""Perintah ``sakip``: pembungkus perintah manajemen Django dengan nama yang mudah.

sakip demo [--no-serve] [--port N]
sakip opd list
sakip import BERKAS
sakip export --opd SLUG --tahun TAHUN [--output BERKAS]
sakip backup BERKAS.zip / sakip restore [--ya] BERKAS.zip
sakip <perintah-django> ...        (mis. sakip migrate, sakip createsuperuser)

Setiap perintah berjalan pada folder data kosong atau basis data PostgreSQL kosong: skema
basis data disiapkan otomatis bila belum mutakhir. Pengguna tidak pernah melihat traceback
Python: kesalahan tak terduga dicatat lengkap di ``$SAKIP_HOME/log/galat.log`` dan layar
hanya menampilkan satu kalimat yang menyebut berkas itu.
"""

from __future__ import annotations

import os
import sys

ALIASES = {"import": "impor", "export": "ekspor"}

# Perintah yang tidak memerlukan (atau sendiri mengurus) skema basis data yang mutakhir.
TANPA_MIGRASI_OTOMATIS = {
    "migrate",
    "makemigrations",
    "showmigrations",
    "sqlmigrate",
    "squashmigrations",
    "optimizemigration",
    "restore",
    "backup",
    "help",
    "version",
    "check",
    "dbshell",
    "collectstatic",
    "findstatic",
    "diffsettings",
    "startapp",
    "startproject",
    "makemessages",
    "compilemessages",
    "test",
    "testserver",
    "sendtestemail",
    "lint_imports",
}


# Perintah sakip yang tetap menjalankan pemeriksaan sistem Django sebelum bekerja: server.
DENGAN_PEMERIKSAAN = {"serve", "worker"}


def _tanpa_rahasia(url: str) -> str:
    """DATABASE_URL tanpa kata sandi, untuk pesan."""
    from urllib.parse import urlparse, urlunparse

    try:
        p = urlparse(url)
    except ValueError:
        return "(tidak terbaca)"
    if p.password:
        netloc = f"{p.username}:***@{p.hostname}" + (f":{p.port}" if p.port else "")
        p = p._replace(netloc=netloc)
    return urlunparse(p)


def siapkan_skema(stderr=None) -> int:
    """Terapkan migrasi yang belum dijalankan (murah bila skema sudah mutakhir).

    Mengembalikan jumlah migrasi yang diterapkan.
    """
    from django.core.management import call_command
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    connection = connections[DEFAULT_DB_ALIAS]
    from sakip import skema

    if skema.mutakhir(connection):
        return 0
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not plan:
        return 0
    stderr = stderr or sys.stderr
    from sakip import skema

    if skema.kosong(connection):
        # basis data baru: semua tabel dalam satu langkah (sakip/skema.py), bukan riwayat migrasi
        stderr.write("Menyiapkan basis data baru…\n")
        skema.bangun(connection)
        return len(plan)
    stderr.write(f"Menyiapkan basis data ({len(plan)} migrasi)…\n")
    call_command("migrate", interactive=False, verbosity=0)
    return len(plan)


def _catat_galat(exc: BaseException) -> str:
    """Tulis traceback lengkap ke ``$SAKIP_HOME/log/galat.log``; kembalikan jalurnya."""
    import datetime as dt
    import traceback

    from sakip.paths import sakip_home

    folder = sakip_home() / "log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "galat.log"
        with open(path, "a", encoding="utf-8") as f:
            f.write(
                f"=== {dt.datetime.now().isoformat(timespec='seconds')} sakip {' '.join(sys.argv[1:])}\n"
            )
            f.write("".join(traceback.format_exception(exc)))
            f.write("\n")
        return str(path)
    except OSError:
        return "(log tidak dapat ditulis)"


def _pesan_basis_data(exc: BaseException) -> str:
    url = os.environ.get("DATABASE_URL")
    where = f"DATABASE_URL={_tanpa_rahasia(url)}" if url else "SQLite di folder data (SAKIP_HOME)"
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return f"Basis data tidak dapat dipakai ({where}): {detail}"


# Pesan argparse (Inggris) → Indonesia; pola diterapkan berurutan pada pesan akhirnya.
_POLA_ARGUMEN = [
    (r"the following arguments are required: (.+)", r"argumen wajib belum diisi: \1"),
    (r"argument (\S+): invalid int value: (.+)", r"\1 harus bilangan bulat, bukan \2"),
    (r"argument (\S+): invalid float value: (.+)", r"\1 harus bilangan, bukan \2"),
    (
        r"argument (\S+): invalid choice: (.+) \(choose from (.+)\)",
        r"\1: pilihan \2 tidak dikenal; pilih salah satu dari \3",
    ),
    (r"argument (\S+): expected one argument", r"\1 memerlukan satu nilai"),
    (r"argument (\S+): expected at least one argument", r"\1 memerlukan paling sedikit satu nilai"),
    (r"argument (\S+): not allowed with argument (\S+)", r"\1 tidak boleh dipakai bersama \2"),
    (r"one of the arguments (.+) is required", r"salah satu dari \1 wajib diisi"),
    (r"unrecognized arguments: (.+)", r"argumen tidak dikenal: \1"),
    (r"ambiguous option: (\S+) could match (.+)", r"opsi \1 ambigu, dapat berarti \2"),
    (r"argument (\S+): (.+)", r"\1: \2"),
]


def terjemah_argumen(pesan: str) -> str:
    """Pesan galat argparse dalam bahasa Indonesia (pesan yang tidak dikenal dibiarkan)."""
    import re

    for pola, ganti in _POLA_ARGUMEN:
        baru, n = re.subn(f"^{pola}$", ganti, pesan)
        if n:
            return baru
    return pesan


def _pasang_galat_argumen() -> None:
    """Argumen salah di baris perintah: satu kalimat 'Galat: …' berbahasa Indonesia yang menunjuk
    bantuan perintahnya, bukan 'usage: … error: …' argparse (kode keluar tetap 2)."""
    from django.core.management.base import CommandParser

    def error(self, message):
        if not self.called_from_command_line:
            return CommandParser._error_asli(self, message)
        perintah = self.prog.split()[-1] if self.prog else ""
        self.exit(2, f"Galat: {terjemah_argumen(message)}. Bantuan: sakip {perintah} --help\n")

    if not hasattr(CommandParser, "_error_asli"):
        CommandParser._error_asli = CommandParser.error
        CommandParser.error = error


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sakip.settings")
    try:
        code = _jalankan(argv)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("\nDihentikan.\n")
        code = 130
    except BrokenPipeError:
        # keluaran dipotong penerimanya (mis. "sakip reviu … | head"): berhenti diam-diam
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 141
    except BaseException as exc:  # noqa: BLE001 — tidak ada traceback untuk pengguna
        from django.core.management.base import CommandError

        if isinstance(exc, CommandError):
            sys.stderr.write(f"Galat: {exc}\n")
            code = getattr(exc, "returncode", 1) or 1
        else:
            code = 1
            try:
                from django.db import DatabaseError

                is_db = isinstance(exc, DatabaseError)
            except Exception:  # noqa: BLE001
                is_db = False
            log = _catat_galat(exc)
            if is_db:
                sys.stderr.write(_pesan_basis_data(exc) + f"\nRincian teknis: {log}\n")
            else:
                sys.stderr.write(
                    f"Terjadi kesalahan tak terduga ({type(exc).__name__}: "
                    f"{str(exc).strip().splitlines()[0] if str(exc).strip() else '-'}).\n"
                    f"Rincian teknis dicatat di {log}; sertakan berkas itu bila melapor.\n"
                )
    sys.exit(code)


def _jalankan(argv: list[str]) -> int:
    from sakip.paths import sakip_home

    home = sakip_home()
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        sys.stderr.write(
            f"Folder data {home} tidak dapat dibuat ({exc.strerror}). Atur SAKIP_HOME ke folder "
            "yang dapat ditulis.\n"
        )
        return 1
    if not argv or argv[0] in {"-h", "--help", "bantuan"}:
        print(__doc__.strip())
        print(f"\nFolder data (SAKIP_HOME): {home}")
        return 0
    if argv[0] in ALIASES:
        argv[0] = ALIASES[argv[0]]
    try:
        import django

        django.setup()
    except Exception as exc:
        from django.core.exceptions import ImproperlyConfigured

        if isinstance(exc, ImproperlyConfigured | ValueError):
            sys.stderr.write(f"Setelan tidak sah: {exc}\n")
            return 1
        raise
    from django.core.management import execute_from_command_line, get_commands

    name = argv[0]
    if not name.startswith("-") and name not in get_commands():
        import difflib

        mirip = difflib.get_close_matches(name, [*get_commands(), *ALIASES], n=1)
        saran = f" Maksud Anda 'sakip {mirip[0]}'?" if mirip else ""
        sys.stderr.write(
            f"Galat: perintah '{name}' tidak dikenal.{saran} Daftar perintah: sakip help\n"
        )
        return 1
    tanpa_terminal = not (sys.stdin and sys.stdin.isatty())
    if name == "createsuperuser" and tanpa_terminal and not {"--noinput", "--no-input"} & set(argv):
        sys.stderr.write(
            "Galat: tidak ada terminal untuk bertanya. Isi DJANGO_SUPERUSER_USERNAME dan "
            "DJANGO_SUPERUSER_PASSWORD (dan --email), lalu jalankan: sakip createsuperuser --noinput\n"
        )
        return 1
    bantuan = any(a in {"-h", "--help"} for a in argv[1:]) or name in {"help", "version"}
    if not bantuan and name in get_commands():
        if name not in TANPA_MIGRASI_OTOMATIS:
            siapkan_skema()
        if get_commands()[name] == "sakip.commands" and name not in DENGAN_PEMERIKSAAN:
            # perintah sakip yang tidak melayani halaman tidak memerlukan pemeriksaan sistem
            # Django (yang mengimpor setiap modul URL, WeasyPrint, matplotlib…): 1–2 detik
            argv = [*argv, "--skip-checks"]
        # --traceback: Django tidak menangkap CommandError sendiri, sehingga pesannya dicetak
        # di sini dalam bentuk yang sama dengan kesalahan lain (tanpa nama kelas Python).
        argv = [name, "--traceback", *argv[1:]]
    _pasang_galat_argumen()
    execute_from_command_line(["sakip", *argv])
    return 0


if __name__ == "__main__":  # pragma: no cover
    main()
