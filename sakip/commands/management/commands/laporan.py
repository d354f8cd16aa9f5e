"""Perintah `sakip laporan JENIS`: dokumen dari data dalam PDF/DOCX/HTML."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sakip.documents.konteks import DokumenError
from sakip.documents.pemda import PEMDA_BUILDERS
from sakip.documents.services import BUILDERS, FORMATS, buat_dokumen, buat_dokumen_pemda
from sakip.organisations.models import Pemda, PerangkatDaerah
from sakip.planning.models import TahunKinerja


class Command(BaseCommand):
    help = (
        "Buat dokumen dari data: sakip laporan lkjip|pk|rencana-aksi|pengukuran|lhe --opd SLUG --tahun TAHUN "
        "--format pdf|docx|html --output BERKAS. Tanpa --opd: semua OPD yang punya data tahun itu (--output = folder). "
        "Dokumen Pemda: sakip laporan lkjip-pemda|pk-pemda|pohon --pemda SLUG --tahun TAHUN "
        "(pohon satu OPD: sakip laporan pohon --opd SLUG --tahun TAHUN)."
    )

    def add_arguments(self, parser):
        parser.add_argument("jenis", choices=[*BUILDERS, *PEMDA_BUILDERS])
        parser.add_argument("--opd", help="slug OPD; kosong = semua OPD yang punya data tahun itu")
        parser.add_argument("--pemda", help="slug Pemda (membatasi batch)")
        parser.add_argument("--tahun", type=int, required=True)
        parser.add_argument("--format", choices=list(FORMATS), default="pdf")
        parser.add_argument("--output", help="berkas tujuan (satu OPD) atau folder (batch)")
        parser.add_argument(
            "--versi", type=int, help="versi PK (1 = murni, 2 = perubahan …); bawaan: yang terakhir"
        )
        parser.add_argument(
            "--latar",
            action="store_true",
            help="antrekan sebagai tugas latar (dikerjakan `sakip worker`) dan cetak id-nya; "
            "tanpa --opd dengan --pemda: LKjIP semua OPD Pemda itu dalam satu ZIP",
        )

    def handle(self, *args, **o):
        if o["latar"]:
            return self._latar(o)
        if o["jenis"] in PEMDA_BUILDERS:
            return self._pemda(o)
        kw = {"versi": o["versi"]} if o["jenis"] in ("pk", "lhe") and o["versi"] else {}
        if o["opd"]:
            opd = PerangkatDaerah.objects.select_related("pemda").filter(slug=o["opd"]).first()
            if opd is None:
                raise CommandError(
                    f"OPD dengan slug '{o['opd']}' tidak ditemukan. Lihat daftar: sakip opd list"
                )
            targets = [opd]
        else:
            qs = TahunKinerja.objects.filter(tahun=o["tahun"]).select_related("opd__pemda")
            if o["pemda"]:
                qs = qs.filter(opd__pemda__slug=o["pemda"])
            targets = [tk.opd for tk in qs.order_by("opd__nama")]
            if not targets:
                raise CommandError(f"Tidak ada OPD dengan data tahun {o['tahun']}")
        batch = len(targets) > 1 or not o["opd"]
        out = Path(o["output"]) if o["output"] else None
        if batch and out:
            out.mkdir(parents=True, exist_ok=True)
        failed = 0
        for i, opd in enumerate(targets, 1):
            start = time.perf_counter()
            try:
                berkas = buat_dokumen(o["jenis"], opd, o["tahun"], o["format"], **kw)
            except DokumenError as exc:
                failed += 1
                self.stderr.write(f"[{i}/{len(targets)}] {opd.nama}: gagal — {exc}")
                continue
            path = (out / berkas.nama) if batch and out else (out or Path(berkas.nama))
            path.write_bytes(berkas.isi)
            size = f"{len(berkas.isi):,}".replace(",", ".")
            secs = f"{time.perf_counter() - start:.1f}".replace(".", ",")
            self.stdout.write(
                f"[{i}/{len(targets)}] {opd.nama}: {path} ({size} bita, {secs} detik)"
            )
        if failed:
            raise CommandError(f"{failed} dokumen gagal dibuat")

    def _pemda(self, o):
        if not o["pemda"] and o["opd"] and o["jenis"] == "pohon":
            # pohon satu OPD: Pemda-nya dari OPD itu (OPD tidak perlu disebut dua kali)
            induk = PerangkatDaerah.objects.filter(slug=o["opd"]).values_list(
                "pemda__slug", flat=True
            )
            o = {**o, "pemda": induk.first() or ""}
            if not o["pemda"]:
                raise CommandError(
                    f"OPD dengan slug '{o['opd']}' tidak ditemukan. Lihat daftar: sakip opd list"
                )
        if not o["pemda"]:
            raise CommandError(
                f"{o['jenis']} adalah dokumen Pemda: tulis --pemda SLUG (lihat: sakip pemda list)"
            )
        pemda = Pemda.objects.filter(slug=o["pemda"]).first()
        if pemda is None:
            raise CommandError(
                f"Pemda dengan slug '{o['pemda']}' tidak ditemukan. Lihat daftar: sakip pemda list"
            )
        opd = None
        if o["opd"]:
            opd = PerangkatDaerah.objects.filter(slug=o["opd"], pemda=pemda).first()
            if opd is None:
                raise CommandError(f"OPD '{o['opd']}' tidak ditemukan di {pemda.nama}")
        start = time.perf_counter()
        try:
            berkas = buat_dokumen_pemda(o["jenis"], pemda, o["tahun"], o["format"], opd=opd)
        except DokumenError as exc:
            raise CommandError(str(exc)) from exc
        path = Path(o["output"]) if o["output"] else Path(berkas.nama)
        path.write_bytes(berkas.isi)
        size = f"{len(berkas.isi):,}".replace(",", ".")
        secs = f"{time.perf_counter() - start:.1f}".replace(".", ",")
        self.stdout.write(f"{(opd or pemda).nama}: {path} ({size} bita, {secs} detik)")

    def _latar(self, o):
        from sakip.tugas.dokumen import SEMUA_LKJIP, Permintaan
        from sakip.tugas.services import antrekan_dokumen, pekerja_aktif

        if o["output"]:
            raise CommandError(
                "--output tidak dipakai dengan --latar: hasilnya disimpan sakip; lihat: sakip tugas ID"
            )
        pemda = Pemda.objects.filter(slug=o["pemda"]).first() if o["pemda"] else None
        if o["pemda"] and pemda is None:
            raise CommandError(
                f"Pemda dengan slug '{o['pemda']}' tidak ditemukan. Lihat daftar: sakip pemda list"
            )
        opd = None
        if o["opd"]:
            opd = PerangkatDaerah.objects.select_related("pemda").filter(slug=o["opd"]).first()
            if opd is None:
                raise CommandError(
                    f"OPD dengan slug '{o['opd']}' tidak ditemukan. Lihat daftar: sakip opd list"
                )
        try:
            if o["jenis"] in PEMDA_BUILDERS:
                if pemda is None and opd is not None and o["jenis"] == "pohon":
                    pemda = opd.pemda
                if pemda is None:
                    raise CommandError(f"{o['jenis']} adalah dokumen Pemda: tulis --pemda SLUG")
                p = Permintaan.untuk_pemda(o["jenis"], pemda, o["tahun"], o["format"], opd=opd)
            elif opd is not None:
                kw = {"versi": o["versi"]} if o["jenis"] in ("pk", "lhe") and o["versi"] else {}
                p = Permintaan.untuk_opd(o["jenis"], opd, o["tahun"], o["format"], **kw)
            elif pemda is not None and o["jenis"] == "lkjip":
                p = Permintaan(SEMUA_LKJIP, o["format"], o["tahun"], pemda)
            else:
                raise CommandError(
                    "--latar memerlukan --opd SLUG (satu dokumen) atau, untuk LKjIP, --pemda SLUG "
                    "(semua OPD dalam satu ZIP)"
                )
        except DokumenError as exc:
            raise CommandError(str(exc)) from exc
        t, baru = antrekan_dokumen(p)
        self.stdout.write(str(t.pk))
        keadaan = "diantrekan" if baru else "sudah ada di antrean (permintaan yang sama)"
        self.stderr.write(f"{t.judul}: {keadaan}. Lihat progres: sakip tugas {str(t.pk)[:8]}")
        if not pekerja_aktif():
            self.stderr.write("Belum ada pekerja yang berjalan: jalankan `sakip worker`.")
