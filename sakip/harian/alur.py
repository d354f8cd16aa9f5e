"""Nama, keterangan dan tautan halaman sebuah objek beralur (realisasi triwulan, PK, LKjIP,
evaluasi, RPJMD) untuk beranda dan pemberitahuan."""

from __future__ import annotations

from django.utils import timezone

from sakip.core.aggregation import ROMAWI
from sakip.evaluation.models import Evaluasi
from sakip.measurement.models import PersetujuanRealisasi
from sakip.organisations.models import Pemda, Peran
from sakip.planning.models import Crosscutting, PerjanjianKinerja, Renstra
from sakip.reporting.models import PersetujuanLkjip, PersetujuanLkjipPemda
from sakip.tautan import ke as tautan_ke

# peran yang mengerjakan data OPD (beranda, pengingat tenggat)
PERAN_OPD = (Peran.OPERATOR_OPD, Peran.KEPALA_OPD)


def tautan_alur(obj) -> str:
    if isinstance(obj, PersetujuanRealisasi):
        return tautan_ke("realisasi", slug=obj.opd.slug, tahun=obj.tahun, tw=obj.triwulan)
    if isinstance(obj, PerjanjianKinerja):
        return tautan_ke("renstra", slug=obj.opd.slug, tahun=obj.tahun)
    if isinstance(obj, Renstra):
        return tautan_ke("susun_renstra", slug=obj.opd.slug, tahun=obj.tahun_awal)
    if isinstance(obj, Evaluasi):
        if obj.tingkat_pemda:
            return tautan_ke("evaluasi_lke_pemda", slug=obj.pemda.slug, tahun=obj.tahun)
        return tautan_ke("evaluasi", slug=obj.opd.slug, tahun=obj.tahun)
    if isinstance(obj, PersetujuanLkjip):
        return tautan_ke("opd_tahun", slug=obj.opd.slug, tahun=obj.tahun)
    if isinstance(obj, PersetujuanLkjipPemda):
        return tautan_ke("lkjip_pemda", slug=obj.pemda.slug, tahun=obj.tahun)
    if isinstance(obj, Crosscutting):
        return tautan_ke("pohon_opd", slug=obj.pengusul.slug, tahun=obj.tahun)
    opd = getattr(obj, "opd", None)
    if opd is not None:
        return tautan_ke("opd_tahun", slug=opd.slug, tahun=obj.tahun)
    if isinstance(getattr(obj, "pemda", None), Pemda):
        return tautan_ke("rpjmd", slug=obj.pemda.slug, tahun=timezone.localdate().year)
    return ""


def nama_alur(obj) -> str:
    if isinstance(obj, PersetujuanRealisasi):
        return f"Realisasi TW {ROMAWI[obj.triwulan]} {obj.tahun} — {obj.opd.nama}"
    if isinstance(obj, PerjanjianKinerja):
        return f"Perjanjian Kinerja {obj.tahun} — {obj.opd.nama}"
    if isinstance(obj, PersetujuanLkjip):
        return f"LKjIP {obj.tahun} — {obj.opd.nama}"
    if isinstance(obj, PersetujuanLkjipPemda):
        return f"LKjIP Pemda {obj.tahun} — {obj.pemda.nama}"
    if isinstance(obj, Crosscutting):
        return f"Crosscutting {obj.tahun} — {obj.pengusul.nama} → {obj.nama_mitra}"
    if isinstance(obj, Evaluasi):
        return f"Evaluasi AKIP {obj.tahun} — {obj.nama_unit}"
    if isinstance(obj, Renstra):
        ke = f" (perubahan ke-{obj.perubahan_ke})" if obj.perubahan_ke else ""
        return f"Renstra {obj.tahun_awal}–{obj.tahun_akhir}{ke} — {obj.opd.nama}"
    return str(obj)


def keterangan_diajukan(obj) -> str:
    if obj.diajukan_pada:
        siapa = obj.diajukan_oleh.username if obj.diajukan_oleh_id else "sistem"
        return f"diajukan {siapa} pada {timezone.localtime(obj.diajukan_pada):%d/%m/%Y %H:%M}"
    return "diajukan"
