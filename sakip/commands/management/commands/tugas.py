"""Perintah `sakip tugas [ID]`: status dan progres tugas latar."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


def _waktu(t) -> str:
    return timezone.localtime(t).strftime("%d/%m/%Y %H:%M:%S") if t else "-"


class Command(BaseCommand):
    help = "Tampilkan tugas latar: tanpa ID daftar 20 terakhir; dengan ID rinciannya. --ulang ID mengantrekan ulang tugas yang gagal."

    def add_arguments(self, parser):
        parser.add_argument("id", nargs="?", help="id tugas (boleh awalannya saja, mis. 8 huruf)")
        parser.add_argument("--ulang", action="store_true", help="antrekan ulang tugas yang gagal")
        parser.add_argument("--jumlah", type=int, default=20, help="banyaknya baris daftar")

    def handle(self, *args, **o):
        from sakip.tugas.models import PekerjaTugas, Tugas
        from sakip.tugas.services import TugasError, pekerja_aktif, ulangi

        if not o["id"]:
            if o["ulang"]:
                raise CommandError("--ulang memerlukan ID tugas")
            n = PekerjaTugas.objects.count()
            aktif = "ada yang aktif" if pekerja_aktif() else "tidak ada yang aktif"
            self.stdout.write(f"Pekerja terdaftar: {n} ({aktif}; jalankan: sakip worker)")
            rows = list(Tugas.objects.order_by("-dibuat_pada")[: o["jumlah"]])
            if not rows:
                self.stdout.write("Belum ada tugas latar.")
                return
            for t in rows:
                self.stdout.write(
                    f"{str(t.pk)[:8]}  {t.get_status_display():<18} {t.persen:>3}%  "
                    f"{_waktu(t.dibuat_pada)}  {t.judul}"
                )
            return
        cocok = [t for t in Tugas.objects.all().only("id") if str(t.pk).startswith(o["id"].lower())]
        if not cocok:
            raise CommandError(f"Tugas '{o['id']}' tidak ditemukan. Lihat daftar: sakip tugas")
        if len(cocok) > 1:
            raise CommandError(
                f"ID '{o['id']}' cocok dengan {len(cocok)} tugas; tulis lebih panjang"
            )
        t = Tugas.objects.get(pk=cocok[0].pk)
        if o["ulang"]:
            try:
                t = ulangi(t)
            except TugasError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"Tugas {t.pk} diantrekan ulang.")
            return
        self.stdout.write(f"Tugas    : {t.pk}")
        self.stdout.write(f"Judul    : {t.judul}")
        self.stdout.write(f"Status   : {t.get_status_display()}")
        self.stdout.write(
            f"Progres  : {t.persen}% ({t.selesai} dari {t.jumlah or '?'}) {t.langkah}"
        )
        self.stdout.write(
            f"Diminta  : {_waktu(t.dibuat_pada)}" + (f" oleh {t.pemohon}" if t.pemohon else "")
        )
        self.stdout.write(f"Mulai    : {_waktu(t.mulai_pada)}  Selesai: {_waktu(t.selesai_pada)}")
        self.stdout.write(
            f"Percobaan: {t.percobaan}" + (f"  Pekerja: {t.pekerja}" if t.pekerja else "")
        )
        if t.pesan:
            self.stdout.write(f"Pesan    : {t.pesan}")
        if t.dokumen_id:
            from sakip.core.numbers import format_angka

            self.stdout.write(
                f"Berkas   : {t.dokumen.berkas.path} ({format_angka(t.dokumen.ukuran, 0)} bita)"
            )
        if t.status == Tugas.Status.GAGAL:
            self.stdout.write(f"Ulangi dengan: sakip tugas {str(t.pk)[:8]} --ulang")
