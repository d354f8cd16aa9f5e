"""Perintah `sakip nomenklatur`: daftar versi nomenklatur program/kegiatan/sub kegiatan, cari kode,
dan muat versi baru dari salinan resmi (CSV atau XLSX berkolom kode dan nama, mis. ekspor SIPD).

    sakip nomenklatur                       # versi yang ada
    sakip nomenklatur cari 2.07.04 [--tahun 2025]
    sakip nomenklatur muat nomenklatur.xlsx --kode kepmendagri-900-1317-2023 \\
        --judul "Kepmendagri 900.1.15.5-1317/2023" --sumber "salinan SIPD 12-01-2024" \\
        --berlaku-mulai 2024
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Versi nomenklatur program/kegiatan/sub kegiatan: daftar, cari, muat versi baru."

    def add_arguments(self, parser):
        parser.add_argument("aksi", nargs="?", default="daftar", choices=["daftar", "cari", "muat"])
        parser.add_argument("argumen", nargs="?", help="kode untuk 'cari', berkas untuk 'muat'")
        parser.add_argument("--tahun", type=int, help="tahun anggaran (cari): versi yang berlaku")
        parser.add_argument("--kode", default="", help="kode versi baru (muat)")
        parser.add_argument("--judul", default="", help="judul versi, mis. nomor Kepmendagri")
        parser.add_argument("--sumber", default="", help="sumber salinan data")
        parser.add_argument("--berlaku-mulai", type=int, default=0, help="tahun mulai berlaku")
        parser.add_argument("--ganti", action="store_true", help="ganti versi berkode sama")

    def handle(self, *args, **o):
        from sakip.core.numbers import format_angka
        from sakip.planning import nomenklatur as nom
        from sakip.planning.models import NomenklaturVersi

        if o["aksi"] == "daftar":
            versi = list(NomenklaturVersi.objects.order_by("-berlaku_mulai"))
            if not versi:
                self.stdout.write("Belum ada versi nomenklatur (jalankan: sakip migrate).")
            for v in versi:
                n = v.entri.count()
                self.stdout.write(
                    f"{v.kode}: {v.judul}, berlaku mulai {v.berlaku_mulai}, "
                    f"{format_angka(n, 0)} kode\n  Sumber: {v.sumber}"
                )
            return
        if o["aksi"] == "cari":
            import datetime as dt

            tahun = o["tahun"] or dt.date.today().year
            kat = nom.katalog(tahun)
            if kat is None:
                raise CommandError("Belum ada versi nomenklatur (jalankan: sakip migrate).")
            kode = (o["argumen"] or "").strip()
            if not kode:
                raise CommandError("Sebutkan kode, mis.: sakip nomenklatur cari 2.07")
            nama = kat.nama(kode) if kode.count(".") >= 2 else None
            self.stdout.write(f"Nomenklatur {kat.judul} (tahun {tahun})")
            if nama:
                self.stdout.write(f"{kode}  {nama}")
            elif kode.count(".") >= 2:
                self.stdout.write(f"{kode} tidak ada dalam nomenklatur ini.")
            for k, n in kat.anak(kode):
                self.stdout.write(f"  {k}  {n}")
            return
        berkas = o["argumen"]
        if not berkas:
            raise CommandError("Sebutkan berkasnya: sakip nomenklatur muat nomenklatur.xlsx …")
        p = Path(berkas)
        if not p.is_file():
            raise CommandError(f"Berkas {berkas} tidak ditemukan.")
        try:
            baris = nom.baca_baris(p.read_bytes(), p.name)
            v = nom.muat_versi(
                baris,
                o["kode"].strip(),
                o["judul"].strip(),
                o["sumber"].strip(),
                o["berlaku_mulai"],
                ganti=o["ganti"],
            )
        except nom.NomenklaturError as exc:
            raise CommandError("\n".join(exc.pesan)) from None
        self.stdout.write(
            f"Versi {v.kode} dimuat: {format_angka(len(baris), 0)} kode, berlaku mulai "
            f"{v.berlaku_mulai}."
        )
