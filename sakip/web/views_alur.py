"""Satu penangan POST untuk setiap langkah alur persetujuan (PK, realisasi, LKjIP, RPJMD, evaluasi)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect

from sakip.workflow import services as alur_services
from sakip.workflow.alur import Alur, AlurError


def _langkah(alur: Alur, aksi: str):
    try:
        return alur.langkah_untuk(aksi)
    except AlurError:
        raise Http404(f"Langkah '{aksi}' tidak dikenal pada {alur.nama}.") from None


def periksa_peran(request, alur: Alur, opd, aksi: str) -> None:
    """403 sebelum objeknya dicari bila pengguna tidak memegang peran langkah ini pada OPD itu
    (yang tidak berwenang tidak mengetahui versi mana yang ada); 404 untuk langkah yang tidak ada."""
    lk = _langkah(alur, aksi)
    if not alur_services.boleh_pada_opd(alur, request.user, opd, aksi):
        raise PermissionDenied(f"{lk.pesan_peran} {alur.nama}.")


def jalankan_alur(request, alur: Alur, obj, aksi: str, kembali: str):
    """Peran diperiksa lebih dulu (403 bila bukan perannya), lalu layanan alur menjalankan langkah;
    penolakan karena status, alasan atau syarat tampil sebagai pesan di halaman asal."""
    lk = _langkah(alur, aksi)
    if not alur_services.boleh(alur, request.user, obj, aksi):
        raise PermissionDenied(f"{lk.pesan_peran} {alur.nama}.")
    try:
        obj = alur_services.jalankan(alur, request.user, obj, aksi, request.POST.get("alasan", ""))
    except AlurError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, alur_services.pesan_berhasil(alur, obj, aksi))
    return redirect(kembali)
