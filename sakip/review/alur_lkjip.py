"""Alur persetujuan LKjIP. Setiap langkah satu transaksi; peran diperiksa di sini, bukan di tampilan."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from sakip.organisations.models import Peran, PerangkatDaerah
from sakip.organisations.permissions import memegang_peran
from sakip.reporting.models import PersetujuanLkjip

from .services import lkjip_dapat_disetujui, perbarui_temuan

S = PersetujuanLkjip.Status


class AlurError(ValueError):
    pass


def status_lkjip(opd: PerangkatDaerah, tahun: int) -> PersetujuanLkjip:
    obj, _ = PersetujuanLkjip.objects.get_or_create(opd=opd, tahun=tahun)
    return obj


@transaction.atomic
def ajukan(user, opd: PerangkatDaerah, tahun: int) -> PersetujuanLkjip:
    if not memegang_peran(user, opd, Peran.OPERATOR_OPD):
        raise AlurError("Hanya Operator OPD ini yang dapat mengajukan LKjIP.")
    obj = PersetujuanLkjip.objects.select_for_update().get(pk=status_lkjip(opd, tahun).pk)
    if obj.status not in (S.DRAFT, S.DIKEMBALIKAN):
        raise AlurError(
            f"LKjIP berstatus {obj.get_status_display().lower()}; hanya draf atau yang dikembalikan yang dapat diajukan."
        )
    obj.status, obj.diajukan_oleh, obj.diajukan_pada = S.DIAJUKAN, user, timezone.now()
    obj.save()
    return obj


@transaction.atomic
def setujui(user, opd: PerangkatDaerah, tahun: int) -> PersetujuanLkjip:
    if not memegang_peran(user, opd, Peran.KEPALA_OPD):
        raise AlurError("Hanya Kepala OPD ini yang dapat menyetujui LKjIP.")
    obj = PersetujuanLkjip.objects.select_for_update().get(pk=status_lkjip(opd, tahun).pk)
    if obj.status != S.DIAJUKAN:
        raise AlurError("LKjIP harus diajukan lebih dahulu sebelum disetujui.")
    perbarui_temuan(opd, tahun)  # reviu dijalankan ulang: gerbang memakai data terkini
    ok, alasan = lkjip_dapat_disetujui(opd, tahun)
    if not ok:
        raise AlurError(alasan)
    obj.status, obj.alasan, obj.diputuskan_oleh, obj.diputuskan_pada = (
        S.DISETUJUI,
        "",
        user,
        timezone.now(),
    )
    obj.save()
    return obj


@transaction.atomic
def kembalikan(user, opd: PerangkatDaerah, tahun: int, alasan: str) -> PersetujuanLkjip:
    if not memegang_peran(user, opd, Peran.KEPALA_OPD):
        raise AlurError("Hanya Kepala OPD ini yang dapat mengembalikan LKjIP.")
    if not alasan.strip():
        raise AlurError("Alasan pengembalian wajib diisi.")
    obj = PersetujuanLkjip.objects.select_for_update().get(pk=status_lkjip(opd, tahun).pk)
    if obj.status != S.DIAJUKAN:
        raise AlurError("Hanya LKjIP yang sedang diajukan yang dapat dikembalikan.")
    obj.status, obj.alasan, obj.diputuskan_oleh, obj.diputuskan_pada = (
        S.DIKEMBALIKAN,
        alasan.strip(),
        user,
        timezone.now(),
    )
    obj.save()
    return obj
