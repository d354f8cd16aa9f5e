"""Aksi Perjanjian Kinerja: susun, ubah target, Rencana Aksi, perubahan, alur persetujuan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from sakip import akses
from sakip.core.numbers import bilangan_id
from sakip.planning import services
from sakip.planning.models import PerjanjianKinerja


@login_required
@require_POST
def pk_aksi(request, slug: str, tahun: int, aksi: str):
    opd = akses.opd(request.user, slug)
    from sakip.organisations.models import Peran
    from sakip.organisations.permissions import memegang_peran
    from sakip.planning.alur import ALUR_PK
    from sakip.workflow.services import boleh_pada_opd

    from .views_alur import jalankan_alur

    langkah_alur = {lk.aksi for lk in ALUR_PK.langkah}
    if aksi in langkah_alur:
        izin = boleh_pada_opd(ALUR_PK, request.user, opd, aksi)
    else:
        izin = memegang_peran(request.user, opd, Peran.OPERATOR_OPD)
    if not izin:
        raise PermissionDenied(
            "Anda tidak berwenang melakukan langkah ini pada Perjanjian Kinerja."
        )
    from sakip.organisations.models import Jabatan

    jabatan = None
    if request.POST.get("jabatan"):
        jabatan = get_object_or_404(Jabatan, opd=opd, kode=request.POST["jabatan"])
        back = redirect("web:jabatan", slug=slug, tahun=tahun)
    else:
        back = redirect("web:renstra", slug=slug, tahun=tahun)
    try:
        if aksi == "buat":
            if jabatan is not None:
                pk = services.buat_pk_jabatan(request.user, jabatan, tahun)
                messages.success(
                    request,
                    f"{pk} disusun dari target indikator yang menjadi tanggung jawabnya (draf).",
                )
                return back
            services.buat_pk_murni(request.user, opd, tahun)
            messages.success(request, "PK murni disusun dari target IKU Renstra (draf).")
            return back
        versi = bilangan_id(request.POST.get("versi", ""))
        if versi is None:
            raise Http404("Versi PK tidak dikenal")
        pk = get_object_or_404(
            PerjanjianKinerja, opd=opd, tahun=tahun, versi=versi, jabatan=jabatan
        )
        if aksi == "rencana-aksi":
            values, galat = services.baca_rencana_aksi(pk, request.POST)
            if galat:
                for g in galat.values():
                    messages.error(request, g)
                return back
            services.simpan_rencana_aksi(request.user, pk, values)
            messages.success(request, "Rencana Aksi disimpan.")
            return back
        if aksi in ("target", "perubahan"):
            targets, galat = services.baca_target(pk, request.POST)
            if galat:
                for g in galat.values():
                    messages.error(request, g)
                return back
            if aksi == "target":
                awal = services.baca_awal(pk, request.POST)
                services.ubah_target(request.user, pk, targets, awal)
                messages.success(request, "Target PK disimpan.")
            else:
                new = services.buat_perubahan(
                    request.user, pk, targets, request.POST.get("alasan", "")
                )
                messages.success(request, f"{new} dibuat; versi sebelumnya tetap tersimpan.")
        elif aksi in langkah_alur:
            return jalankan_alur(request, ALUR_PK, pk, aksi, back.url)
        else:
            raise PermissionDenied("Aksi tidak dikenal.")
    except services.PKError as exc:
        messages.error(request, str(exc))
    return back
