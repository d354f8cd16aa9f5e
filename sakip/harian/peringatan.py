"""Peringatan dini IKU: proyeksi akhir tahun setiap IKU per OPD (atas ``sakip.core.proyeksi``)
dan triwulan yang sedang berjalan."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace

from django.db.models import Max

from sakip.core.aggregation import Agregasi
from sakip.core.proyeksi import Proyeksi, proyeksi_akhir_tahun
from sakip.measurement.services import pengukuran_banyak
from sakip.organisations.models import PerangkatDaerah
from sakip.planning.models import PerjanjianKinerja, RencanaAksi


def triwulan_berjalan(hari_ini: dt.date) -> int:
    return (hari_ini.month - 1) // 3 + 1


# --- peringatan dini ----------------------------------------------------------------------------


@dataclass
class PeringatanIku:
    opd: PerangkatDaerah
    indikator: object
    proyeksi: Proyeksi
    satuan: str


def peringatan_dini(
    opds: list[PerangkatDaerah], tahun: int, baris: dict | None = None
) -> dict[int, list[PeringatanIku]]:
    """Proyeksi akhir tahun setiap IKU (``sakip.core.proyeksi``) per OPD; kueri tetap.

    Rencana: target triwulan Rencana Aksi dari PK terbaru (versi terbesar) OPD itu. Indikator rumus
    kumulatif memakai persentase per triwulan dirata-rata (rasio jumlah tidak dapat diproyeksikan
    tanpa rencana pembilang dan penyebut)."""
    if not opds:
        return {}
    if (
        baris is None
    ):  # {opd_id: [BarisPengukuran IKU]} yang sudah dihitung pemanggil, atau dihitung
        baris = pengukuran_banyak(opds, tahun, hanya_iku=True)
    versi = {
        r["opd_id"]: r["v"]
        for r in PerjanjianKinerja.objects.filter(opd__in=opds, tahun=tahun, jabatan__isnull=True)
        .values("opd_id")
        .annotate(v=Max("versi"))
    }
    rencana: dict[tuple[int, int], dict[int, object]] = defaultdict(dict)
    for ra in RencanaAksi.objects.filter(
        pk_indikator__perjanjian__opd__in=opds,
        pk_indikator__perjanjian__tahun=tahun,
        pk_indikator__perjanjian__jabatan__isnull=True,
    ).values(
        "pk_indikator__perjanjian__opd_id",
        "pk_indikator__perjanjian__versi",
        "pk_indikator__indikator_id",
        "triwulan",
        "target",
    ):
        opd_id = ra["pk_indikator__perjanjian__opd_id"]
        if ra["pk_indikator__perjanjian__versi"] == versi.get(opd_id):
            rencana[(opd_id, ra["pk_indikator__indikator_id"])][ra["triwulan"]] = ra["target"]
    hasil: dict[int, list[PeringatanIku]] = {}
    for o in opds:
        pemda = o.pemda
        daftar = []
        for b in baris.get(o.id, []):
            ind = b.indikator
            cara = Agregasi(ind.agregasi)
            if ind.is_rumus and cara is Agregasi.KUMULATIF:
                cara = Agregasi.RATA_RATA
            target = None
            if b.target is not None:
                target = (b.target.bawah, b.target.atas) if b.target.is_range else b.target.bawah
            p = proyeksi_akhir_tahun(
                b.triwulan,
                rencana.get((o.id, ind.id), {}),
                target,
                cara,
                ind.polaritas,
                pemda.metode_turun,
                pemda.batas_capaian_maks,
            )
            if p.pasti and b.realisasi is not None:
                # tahun lengkap: nilai tahunan sebenarnya (indikator rumus: rasio jumlah)
                p = replace(p, nilai=b.realisasi, capaian=b.capaian)
            elif p.nilai is None and b.realisasi is not None and not p.terisi:
                # hanya realisasi tahunan (mis. data dari laporan tahunan): tidak ada yang
                # diproyeksikan, nilainya nilai tahun itu
                p = Proyeksi(nilai=b.realisasi, capaian=b.capaian, alasan="realisasi tahunan")
            if p.nilai is not None:
                daftar.append(PeringatanIku(o, ind, p, ind.satuan))
        hasil[o.id] = daftar
    return hasil
