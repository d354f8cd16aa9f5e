"""Perintah `sakip evaluasi`: evaluasi AKIP satu OPD-tahun atau Pemda itu sendiri (teks/JSON/XLSX),
atau usulan otomatisnya."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sakip.core.lke import nilai_lke
from sakip.core.numbers import format_angka
from sakip.evaluation import services
from sakip.evaluation.cek import usulan_otomatis, usulan_otomatis_pemda
from sakip.organisations.models import Pemda, PerangkatDaerah


def _n(d) -> str:
    return format_angka(d, 2)


class Command(BaseCommand):
    help = (
        "Evaluasi AKIP (LKE) satu OPD-tahun (--opd), atau Pemda itu sendiri (--pemda): setiap kriteria dengan jawaban, sumbernya "
        "(otomatis/mandiri/evaluator) dan alasannya, nilai per komponen, nilai akhir dan predikat. "
        "Tanpa evaluasi tersimpan: jawaban otomatis dari data dan nilai yang dihasilkannya."
    )

    def add_arguments(self, parser):
        unit = parser.add_mutually_exclusive_group(required=True)
        unit.add_argument("--opd", help="slug OPD")
        unit.add_argument(
            "--pemda", help="slug Pemda: evaluasi AKIP Pemda itu sendiri (Kementerian PANRB)"
        )
        parser.add_argument("--tahun", type=int, required=True)
        parser.add_argument("--format", choices=["teks", "json", "xlsx"], default="teks")
        parser.add_argument("--output", help="berkas keluaran (wajib untuk xlsx)")

    def handle(self, *args, **o):
        unit: PerangkatDaerah | Pemda | None
        if o["pemda"]:
            unit = Pemda.objects.filter(slug=o["pemda"]).first()
            if unit is None:
                raise CommandError(
                    f"Pemda dengan slug '{o['pemda']}' tidak ditemukan. Lihat daftar: sakip pemda list"
                )
            pemda = unit
        else:
            unit = PerangkatDaerah.objects.select_related("pemda").filter(slug=o["opd"]).first()
            if unit is None:
                raise CommandError(
                    f"OPD dengan slug '{o['opd']}' tidak ditemukan. Lihat daftar: sakip opd list"
                )
            pemda = unit.pemda
        if o["format"] == "xlsx" and not o["output"]:
            raise CommandError("Format xlsx memerlukan --output BERKAS.xlsx")
        ev = services.evaluasi_berlaku(unit, o["tahun"])
        if ev is None:
            if o["format"] == "xlsx":
                raise CommandError(
                    f"Evaluasi {unit.nama} {o['tahun']} belum dimulai; lembar kerja dibuat dari evaluasi "
                    "yang tersimpan (mulai di halaman Evaluasi)."
                )
            tpl_obj = services.templat_terbaru(pemda)
            templat = tpl_obj.templat
            if isinstance(unit, Pemda):
                usul = usulan_otomatis_pemda(templat, unit, o["tahun"])
            else:
                usul = usulan_otomatis(templat, unit, o["tahun"])
            baris = [
                {
                    "kode": kr.kode,
                    "kriteria": kr.teks,
                    "jawaban": usul[kr.kode].jawaban if kr.kode in usul else "",
                    "sumber": "otomatis" if kr.kode in usul else "",
                    "alasan": usul[kr.kode].alasan if kr.kode in usul else "",
                    "bukti": [b.url for b in usul[kr.kode].bukti] if kr.kode in usul else [],
                }
                for _, _, kr in templat.semua_kriteria()
            ]
            h = nilai_lke(templat, {k: u.jawaban for k, u in usul.items()})
            judul = f"Usulan otomatis (belum ada evaluasi tersimpan) — {tpl_obj}"
            status = "belum dimulai"
        else:
            templat = ev.templat.templat
            jawab = {j.kriteria: j for j in ev.jawaban.all()}
            baris = []
            for _, _, kr in templat.semua_kriteria():
                j = jawab.get(kr.kode)
                baris.append(
                    {
                        "kode": kr.kode,
                        "kriteria": kr.teks,
                        "jawaban": j.akhir if j else "",
                        "sumber": j.sumber if j else "",
                        "otomatis": j.otomatis if j else "",
                        "mandiri": j.mandiri if j else "",
                        "evaluator": j.evaluator if j else "",
                        "alasan": (
                            j.evaluator_catatan
                            or j.alasan_ubah
                            or j.mandiri_catatan
                            or j.otomatis_alasan
                        )
                        if j
                        else "",
                        "bukti": [b["url"] for b in j.otomatis_bukti] if j else [],
                    }
                )
            h = services.hasil(ev)
            judul = f"Evaluasi versi {ev.versi} — {ev.templat}"
            status = "final" if ev.final else ev.get_status_display().lower()
        if o["format"] == "xlsx":
            from sakip.interchange.excel_lke import buat_lembar

            Path(o["output"]).write_bytes(buat_lembar(ev))
            self.stdout.write(f"Lembar kerja LKE ditulis ke {o['output']}")
            return
        data = {
            ("pemda" if isinstance(unit, Pemda) else "opd"): unit.slug,
            "tahun": o["tahun"],
            "status": status,
            "keterangan": judul,
            "nilai": str(round(h.nilai, 2)),
            "predikat": h.predikat.predikat,
            "predikat_uraian": h.predikat.uraian,
            "komponen": [
                {
                    "kode": nk.komponen.kode,
                    "nama": nk.komponen.nama,
                    "bobot": str(nk.komponen.bobot),
                    "nilai": str(round(nk.nilai, 2)),
                }
                for nk in h.komponen
            ],
            "belum_dijawab": list(h.belum_dijawab),
            "kriteria": baris,
        }
        if o["format"] == "json":
            teks = json.dumps(data, ensure_ascii=False, indent=2)
        else:
            out = [f"Evaluasi AKIP {unit.nama} tahun {o['tahun']} ({status})", judul, ""]
            for b in baris:
                j = b["jawaban"] or "-"
                sumber = f" [{b['sumber']}]" if b["sumber"] else ""
                out.append(f"{b['kode']:<7} {j:<2}{sumber} {b['kriteria']}")
                if b["alasan"]:
                    out.append(f"        {b['alasan']}")
            out.append("")
            for nk in h.komponen:
                out.append(
                    f"{nk.komponen.nama:<45} {_n(nk.nilai):>6} dari {format_angka(nk.komponen.bobot)}"
                )
            out.append(f"{'Nilai akhir':<45} {_n(h.nilai):>6}")
            out.append(f"Predikat: {h.predikat.predikat} ({h.predikat.uraian})")
            if h.belum_dijawab:
                out.append(f"Belum dijawab: {len(h.belum_dijawab)} kriteria (bernilai 0)")
            teks = "\n".join(out)
        if o["output"]:
            Path(o["output"]).write_text(teks + "\n", encoding="utf-8")
            self.stdout.write(f"Evaluasi ditulis ke {o['output']}")
        else:
            self.stdout.write(teks)
