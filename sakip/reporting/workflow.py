"""Alur persetujuan LKjIP. Setiap langkah satu transaksi; peran diperiksa di sini, bukan di tampilan."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from sakip.organisations.models import Keanggotaan, Peran, PerangkatDaerah
from sakip.review.services import lkjip_dapat_disetujui, perbarui_temuan

from .models import PersetujuanLkjip

S = PersetujuanLkjip.Status


class AlurError(ValueError):
    pass


def _punya_peran(user, opd: PerangkatDaerah, peran: str) -> bool:
    if user.is_superuser:
        return True
    return Keanggotaan.objects.filter(user=user, peran=peran, opd=opd).exists()


def status_lkjip(opd: PerangkatDaerah, tahun: int) -> PersetujuanLkjip:
    obj, _ = PersetujuanLkjip.objects.get_or_create(opd=opd, tahun=tahun)
    return obj


@transaction.atomic
def ajukan(user, opd: PerangkatDaerah, tahun: int) -> PersetujuanLkjip:
    if not _punya_peran(user, opd, Peran.OPERATOR_OPD):
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
    if not _punya_peran(user, opd, Peran.KEPALA_OPD):
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
    if not _punya_peran(user, opd, Peran.KEPALA_OPD):
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


def terbit_untuk_publik(opd: PerangkatDaerah, tahun: int) -> bool:
    """OPD-tahun yang LKjIP-nya disetujui: dapat dilihat publik tanpa masuk."""
    return PersetujuanLkjip.objects.filter(
        opd=opd, tahun=tahun, status=PersetujuanLkjip.Status.DISETUJUI
    ).exists()


def dapat_melihat_opd_tahun(user, opd: PerangkatDaerah, tahun: int) -> bool:
    """Halaman dan API memakai aturan yang sama: pengguna menurut perannya, publik hanya yang terbit."""
    from sakip.organisations.permissions import dapat_melihat

    if user is not None and user.is_authenticated:
        return dapat_melihat(user, opd)
    return terbit_untuk_publik(opd, tahun)
