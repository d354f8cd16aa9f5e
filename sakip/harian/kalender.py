"""Kalender SAKIP satu Pemda: tanggal bawaan dari peraturan, diubah Admin Pemda per tahun.

Tanggal bawaan untuk tahun kinerja T (dasar dan kebiasaan yang umum; Pemda mengubahnya sesuai
Peraturan Kepala Daerah-nya di halaman Kalender):

* Perjanjian Kinerja T — 31 Januari T (PermenPAN-RB 53/2014: PK ditetapkan paling lambat satu
  bulan setelah dokumen anggaran disahkan).
* Realisasi triwulan — tanggal 10 bulan sesudah triwulan berakhir (10 April, 10 Juli, 10 Oktober
  T; TW IV: 10 Januari T+1), kebiasaan pengendalian triwulanan Pemda.
* LKjIP Perangkat Daerah T — akhir Februari T+1, agar Pemda dapat menyusun LKjIP-nya.
* Reviu LKjIP oleh Inspektorat — 15 Maret T+1 (sebelum LKjIP Pemda dikirim).
* LKjIP Pemda T — 31 Maret T+1 (Perpres 29/2014: paling lambat tiga bulan setelah tahun anggaran
  berakhir).
* Evaluasi AKIP Perangkat Daerah atas T — 30 Juni T+1 (PermenPAN-RB 88/2021: evaluasi internal
  oleh Inspektorat pada pertengahan tahun berikutnya).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from .models import JenisTenggat, Tenggat

J = JenisTenggat


def bawaan(tahun: int) -> dict[str, dt.date]:
    """Tanggal bawaan setiap tenggat tahun kinerja ``tahun``."""
    berikut = tahun + 1
    return {
        J.PK: dt.date(tahun, 1, 31),
        J.REALISASI_TW1: dt.date(tahun, 4, 10),
        J.REALISASI_TW2: dt.date(tahun, 7, 10),
        J.REALISASI_TW3: dt.date(tahun, 10, 10),
        J.REALISASI_TW4: dt.date(berikut, 1, 10),
        J.LKJIP: dt.date(berikut, 2, calendar.monthrange(berikut, 2)[1]),
        J.REVIU: dt.date(berikut, 3, 15),
        J.LKJIP_PEMDA: dt.date(berikut, 3, 31),
        J.EVALUASI: dt.date(berikut, 6, 30),
    }


@dataclass(frozen=True)
class ButirKalender:
    jenis: str
    label: str
    tahun: int
    tanggal: dt.date
    diubah: bool  # ditetapkan Pemda (bukan bawaan)

    def sisa_hari(self, hari_ini: dt.date) -> int:
        return (self.tanggal - hari_ini).days


TRIWULAN_TENGGAT = {
    J.REALISASI_TW1: 1,
    J.REALISASI_TW2: 2,
    J.REALISASI_TW3: 3,
    J.REALISASI_TW4: 4,
}


def kalender(pemda_id: int, tahun_list, tersimpan=None) -> list[ButirKalender]:
    """Tenggat ``tahun_list`` satu Pemda, urut tanggal. ``tersimpan``: baris Tenggat yang sudah
    dimuat (untuk banyak Pemda sekaligus tanpa kueri per Pemda)."""
    if tersimpan is None:
        tersimpan = Tenggat.objects.filter(pemda_id=pemda_id, tahun__in=list(tahun_list))
    ubah = {(t.tahun, t.jenis): t.tanggal for t in tersimpan if t.pemda_id == pemda_id}
    label = dict(JenisTenggat.choices)
    hasil = []
    for tahun in tahun_list:
        for jenis, tanggal in bawaan(tahun).items():
            sendiri = ubah.get((tahun, str(jenis)))
            hasil.append(
                ButirKalender(
                    str(jenis), label[jenis], tahun, sendiri or tanggal, sendiri is not None
                )
            )
    return sorted(hasil, key=lambda b: (b.tanggal, b.jenis))
