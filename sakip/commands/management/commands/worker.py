"""Perintah `sakip worker`: pekerja tugas latar (dokumen, reviu laporan besar, ringkasan, evaluasi).

Jalankan satu atau beberapa di setiap mesin aplikasi (atau mesin tersendiri); semua mengambil
tugas dari antrean di basis data yang sama. Berhenti dengan Ctrl+C/SIGTERM: tugas yang sedang
berjalan diselesaikan dulu. Pekerja yang mati paksa: tugasnya diulang pekerja lain setelah
SAKIP_TUGAS_BATAS_DETAK detik (bawaan 60)."""

import os

from django.core.management.base import BaseCommand, CommandError
from django.utils.crypto import get_random_string


class Command(BaseCommand):
    help = (
        "Jalankan pekerja tugas latar (django-tasks-db). Beberapa pekerja boleh berjalan bersamaan."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--selang",
            type=float,
            default=1.0,
            help="detik menunggu sebelum memeriksa antrean lagi bila kosong (bawaan 1)",
        )
        parser.add_argument(
            "--habis",
            action="store_true",
            help="kerjakan semua tugas yang antre lalu berhenti (untuk cron/skrip)",
        )
        parser.add_argument(
            "--maks", type=int, default=None, help="berhenti setelah sekian tugas (mis. 100)"
        )
        parser.add_argument(
            "--detak", type=float, default=5.0, help="selang detak jantung pekerja (detik)"
        )
        parser.add_argument(
            "--nice",
            type=int,
            default=int(os.environ.get("SAKIP_WORKER_NICE", "10")),
            help="prioritas proses lebih rendah dari server web (bawaan 10; 0 = sama)",
        )
        parser.add_argument("--id", dest="id_pekerja", default=None, help="id unik pekerja")
        parser.add_argument(
            "--ikut-induk",
            action="store_true",
            help="berhenti bila proses induknya berhenti (dipakai `sakip demo`)",
        )

    def handle(self, *args, **o):
        import logging

        from sakip.tugas.pekerja import Pekerja

        if o["maks"] is not None and o["maks"] <= 0:
            raise CommandError("--maks harus lebih dari 0")
        if o["selang"] < 0 or o["detak"] <= 0:
            raise CommandError("--selang tidak boleh negatif dan --detak harus lebih dari 0")
        if o["nice"]:
            try:
                os.nice(o["nice"])
            except OSError:
                pass
        logger = logging.getLogger("sakip.tugas")
        if o["verbosity"] >= 1 and not any(
            isinstance(h, logging.StreamHandler) and getattr(h, "stream", None) is self.stdout
            for h in logger.handlers
        ):
            h = logging.StreamHandler(self.stdout)
            h.setLevel(logging.INFO)
            logger.addHandler(h)
            logger.setLevel(logging.INFO)
        id_pekerja = (
            o["id_pekerja"] or f"{os.uname().nodename}-{os.getpid()}-{get_random_string(6)}"
        )[:64]
        pekerja = Pekerja(
            queue_names=["default"],
            interval=o["selang"],
            batch=o["habis"],
            backend_name="default",
            startup_delay=False,
            max_tasks=o["maks"],
            worker_id=id_pekerja,
            excluded_queue_names=[],
            detak=o["detak"],
            induk=os.getppid() if o["ikut_induk"] else None,
        )
        if o["verbosity"] >= 1:
            self.stdout.write(f"Pekerja {id_pekerja} berjalan (hentikan dengan Ctrl+C).")
        pekerja.configure_signals()
        try:
            pekerja.run()
        except SystemExit as exc:
            if exc.code not in (0, None):
                raise
        if o["verbosity"] >= 1:
            self.stdout.write(f"Pekerja {id_pekerja} berhenti.")
