"""Keselarasan Renstra OPD dengan RPJMD: menautkan tujuan/sasaran, program dan indikator OPD ke
RPJMD yang berlaku, dan versi perubahan RPJMD yang membawa serta tautan itu."""

from __future__ import annotations

from django.db import transaction

from sakip.core.numbers import bilangan_id
from sakip.organisations.permissions import boleh_mengelola_rpjmd
from sakip.rpjmd.models import RPJMD, IndikatorRPJMD, ProgramRPJMD, SasaranRPJMD
from sakip.rpjmd.services import RPJMDError, salin_versi

from .models import Indikator, Program, Sasaran, Tujuan


@transaction.atomic
def buat_perubahan_rpjmd(user, rpjmd: RPJMD, alasan: str) -> RPJMD:
    """Versi perubahan RPJMD; tautan OPD ke versi lama pindah ke salinannya (menurut baris yang
    disalin), sehingga OPD tidak perlu menautkan ulang."""
    baru, peta_s, peta_p, peta_i = salin_versi(user, rpjmd, alasan)
    for lama, kini in peta_s.items():
        Tujuan.objects.filter(sasaran_rpjmd_id=lama).update(sasaran_rpjmd=kini)
        Sasaran.objects.filter(sasaran_rpjmd_id=lama).update(sasaran_rpjmd=kini)
    for lama, kini in peta_p.items():
        Program.objects.filter(program_rpjmd_id=lama).update(program_rpjmd=kini)
    for lama, kini in peta_i.items():
        Indikator.objects.filter(indikator_rpjmd_id=lama).update(indikator_rpjmd=kini)
    return baru


JENIS_TAUTAN = {
    "sasaran": (
        Sasaran,
        "tujuan__renstra__opd__pemda",
        "sasaran_rpjmd",
        SasaranRPJMD,
        "tujuan__rpjmd",
    ),
    "tujuan": (Tujuan, "renstra__opd__pemda", "sasaran_rpjmd", SasaranRPJMD, "tujuan__rpjmd"),
    "program": (Program, "opd__pemda", "program_rpjmd", ProgramRPJMD, "rpjmd"),
    "indikator": (Indikator, "opd__pemda", "indikator_rpjmd", IndikatorRPJMD, "rpjmd"),
}


@transaction.atomic
def tautkan(user, rpjmd: RPJMD, jenis: str, pk_opd: str, pk_rpjmd: str) -> str:
    """Tautkan satu tujuan/sasaran/program/indikator OPD ke unsur RPJMD (kosong: lepaskan).
    Mengembalikan pesan berhasil; menolak dengan :class:`RPJMDError`."""
    if not boleh_mengelola_rpjmd(user, rpjmd.pemda):
        raise RPJMDError("Hanya Admin Pemda yang dapat menautkan Renstra OPD ke RPJMD.")
    if jenis not in JENIS_TAUTAN:
        raise RPJMDError("Jenis tautan tidak dikenal.")
    model, ke_pemda, field, model_r, ke_rpjmd = JENIS_TAUTAN[jenis]
    pk_opd = bilangan_id(pk_opd)
    obj = (
        model.objects.select_for_update().filter(pk=pk_opd, **{ke_pemda: rpjmd.pemda}).first()
        if pk_opd
        else None
    )
    if obj is None:
        raise RPJMDError(f"{jenis.capitalize()} OPD tidak ditemukan di {rpjmd.pemda}.")
    if not str(pk_rpjmd or "").strip():
        setattr(obj, field, None)
        obj.save(update_fields=[field])
        return f"Tautan “{obj}” ke RPJMD dilepas."
    pk_rpjmd = bilangan_id(pk_rpjmd)
    target = model_r.objects.filter(pk=pk_rpjmd, **{ke_rpjmd: rpjmd}).first() if pk_rpjmd else None
    if target is None:
        raise RPJMDError(f"Unsur RPJMD yang dipilih bukan bagian dari {rpjmd}.")
    setattr(obj, field, target)
    obj.save(update_fields=[field])
    return f"“{obj}” kini mendukung “{target}”."
