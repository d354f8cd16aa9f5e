"""Perintah `sakip pengingat [--tanggal YYYY-MM-DD]`: pengingat tenggat dan surel yang menunggu.

`sakip worker` menjalankannya sendiri setiap jam; perintah ini untuk cron (instalasi tanpa
pekerja) dan untuk memeriksa. Aman dijalankan berkali-kali: sekali per pengguna per peristiwa."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Buat pengingat tenggat SAKIP (sekali per pengguna per peristiwa) dan kirim surel yang menunggu."

    def add_arguments(self, parser):
        parser.add_argument(
            "--tanggal", help="hitung seolah-olah hari ini tanggal ini (YYYY-MM-DD), untuk uji"
        )
        parser.add_argument("--tanpa-surel", action="store_true", help="jangan kirim surel")

    def handle(self, *args, **o):
        from sakip.harian.pemberitahuan import buat_pengingat
        from sakip.harian.surel import kirim_surel

        hari_ini = None
        if o["tanggal"]:
            try:
                hari_ini = dt.date.fromisoformat(o["tanggal"])
            except ValueError:
                raise CommandError(
                    f"--tanggal {o['tanggal']!r} bukan tanggal (contoh: 2026-10-07)"
                ) from None
        n = buat_pengingat(hari_ini)
        self.stdout.write(f"Pemberitahuan baru: {n}")
        if not o["tanpa_surel"]:
            self.stdout.write(f"Surel terkirim: {kirim_surel()}")
