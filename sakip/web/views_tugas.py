"""Tugas latar di aplikasi: halaman progres (HTMX), ulangi yang gagal, unduh hasilnya, dan
tombol "buat semua LKjIP" di dasbor Pemda."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sakip import akses
from sakip.akses import Aksi
from sakip.documents.konteks import DokumenError
from sakip.organisations.permissions import (
    dapat_melihat,
    dapat_melihat_dasbor_pemda,
    dapat_melihat_pemda,
)
from sakip.tugas import dokumen as simpanan
from sakip.tugas.models import Tugas
from sakip.tugas.services import TugasError, antrekan_dokumen, pekerja_aktif, ulangi

from .views_dokumen import kirim_tersimpan


def _boleh_lihat(user, t: Tugas) -> bool:
    if user.is_superuser or (t.pemohon_id and t.pemohon_id == user.pk):
        return True
    if t.opd_id:
        return dapat_melihat(user, t.opd)
    if t.pemda_id:
        if t.jenis == Tugas.Jenis.LKJIP_SEMUA:
            return dapat_melihat_dasbor_pemda(user, t.pemda)
        return dapat_melihat_pemda(user, t.pemda)
    return False


def _tugas(request, pk) -> Tugas:
    t = get_object_or_404(Tugas.objects.select_related("opd", "pemda", "dokumen", "pemohon"), pk=pk)
    if not _boleh_lihat(request.user, t):
        raise PermissionDenied("Anda tidak berwenang melihat tugas ini.")
    return t


@login_required
def tugas(request, pk):
    t = _tugas(request, pk)
    ctx = {"t": t, "ada_pekerja": pekerja_aktif()}
    if request.headers.get("HX-Request"):
        resp = render(request, "web/_tugas_progres.html", ctx)
        if not t.aktif:
            # selesai/gagal: muat ulang halaman penuh sekali (tombol unduh/ulangi, tanpa polling)
            resp["HX-Refresh"] = "true"
        return resp
    return render(request, "web/tugas.html", ctx)


@login_required
def tugas_berkas(request, pk):
    t = _tugas(request, pk)
    if t.status != Tugas.Status.SELESAI or t.dokumen is None:
        raise Http404("Tugas ini belum menghasilkan berkas")
    return kirim_tersimpan(t.dokumen)


@login_required
@require_POST
def tugas_ulangi(request, pk):
    t = _tugas(request, pk)
    try:
        ulangi(t, request.user)
        messages.success(request, "Tugas diantrekan ulang.")
    except TugasError as exc:
        messages.error(request, str(exc))
    return redirect("web:tugas", t.pk)


@login_required
def daftar_tugas(request):
    qs = Tugas.objects.select_related("opd", "pemda").order_by("-dibuat_pada")
    if not request.user.is_superuser:
        qs = qs.filter(pemohon=request.user)
    return render(
        request,
        "web/tugas_daftar.html",
        {"daftar": list(qs[:50]), "ada_pekerja": pekerja_aktif()},
    )


@login_required
@require_POST
def lkjip_semua(request, slug: str, tahun: int):
    """Antrekan LKjIP semua OPD Pemda itu (satu ZIP); dokumen yang datanya tidak berubah dipakai ulang."""
    pemda = akses.pemda(request.user, slug, Aksi.DASBOR)
    fmt = request.POST.get("format", "pdf")
    try:
        p = simpanan.Permintaan(simpanan.SEMUA_LKJIP, fmt, tahun, pemda)
    except DokumenError as exc:
        messages.error(request, str(exc))
        return redirect("web:dasbor_pemda", slug, tahun)
    d = simpanan.tersimpan(p)
    if d is not None:
        messages.info(
            request, "Data semua OPD belum berubah sejak ZIP terakhir: berkas tersimpan diunduh."
        )
        return kirim_tersimpan(d)
    t, baru = antrekan_dokumen(p, request.user)
    if not baru:
        messages.info(request, "Permintaan yang sama sedang dikerjakan; ini progresnya.")
    return redirect(reverse("web:tugas", args=[t.pk]))
