"""Perintah `sakip terbitan`: daftar dokumen yang terbit di portal publik, melengkapinya, dan
membuat berkas PDF yang belum ada.

Terbitan dibuat sendiri saat LKjIP/PK disetujui dan evaluasi final; ``--lengkapi`` untuk data yang
disetujui sebelum sakip punya portal publik (angkanya dari data saat ini)."""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Daftar terbitan portal publik; --lengkapi menerbitkan yang sudah disetujui/final."

    def add_arguments(self, parser):
        parser.add_argument("--pemda", help="slug Pemda (bawaan: semua)")
        parser.add_argument(
            "--lengkapi",
            action="store_true",
            help="terbitkan LKjIP/PK yang sudah disetujui dan evaluasi final yang belum terbit",
        )
        parser.add_argument(
            "--siapkan", action="store_true", help="buat berkas PDF terbitan yang belum ada"
        )

    def handle(self, *args, **o):
        from sakip.organisations.models import Pemda
        from sakip.publikasi import services
        from sakip.publikasi.models import Terbitan

        pemda = None
        if o["pemda"]:
            pemda = Pemda.objects.filter(slug=o["pemda"]).first()
            if pemda is None:
                raise CommandError(f"Pemda '{o['pemda']}' tidak ditemukan.")
        if o["lengkapi"]:
            dibuat = services.lengkapi(pemda)
            for t in dibuat:
                self.stdout.write(f"Terbit: {t.judul}")
            self.stdout.write(f"Terbitan baru: {len(dibuat)}")
        qs = Terbitan.objects.select_related("opd", "pemda").order_by("pemda__nama", "-tahun")
        if pemda is not None:
            qs = qs.filter(pemda=pemda)
        gagal = 0
        for t in qs:
            if o["siapkan"] and services.permintaan(t) is not None and not t.berkas:
                if not services.siapkan_berkas(t):
                    gagal += 1
            berkas = (
                f"{t.nama_berkas} ({t.ukuran:,} bita)".replace(",", ".")
                if t.berkas
                else ("angka saja" if services.permintaan(t) is None else "berkas belum ada")
            )
            self.stdout.write(
                f"{t.tahun}  {t.judul}  —  {berkas}{'  ' + t.catatan if t.catatan else ''}"
            )
        if not qs.exists():
            self.stdout.write("Belum ada dokumen yang terbit.")
        if gagal:
            raise CommandError(f"{gagal} berkas terbitan tidak dapat dibuat (lihat catatannya).")
