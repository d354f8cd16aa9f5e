"""Perjanjian Kinerja: satu view per aksi — susun, ubah target, PK Perubahan, Rencana Aksi — dan
langkah alur persetujuan lewat penangan alur bersama (:func:`.views_alur.jalankan_alur`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from sakip import akses
from sakip.akses import Aksi
from sakip.core.numbers import bilangan_id
from sakip.organisations.models import Jabatan
from sakip.planning import services
from sakip.planning.alur import ALUR_PK
from sakip.planning.models import PerjanjianKinerja

from .formulir.pk import FormRencanaAksi, FormTargetPK
from .views_alur import jalankan_alur, periksa_peran


def _konteks(request, slug: str, tahun: int, aksi: Aksi = Aksi.SUSUN):
    """OPD (boleh ``aksi``), jabatan (``jabatan`` di formulir: PK jenjang), alamat kembali."""
    opd = akses.opd(request.user, slug, aksi)
    jabatan = None
    if request.POST.get("jabatan"):
        jabatan = get_object_or_404(Jabatan, opd=opd, kode=request.POST["jabatan"])
        kembali = redirect("web:jabatan", slug=slug, tahun=tahun)
    else:
        kembali = redirect("web:renstra", slug=slug, tahun=tahun)
    return opd, jabatan, kembali


KUNCI_GAGAL = "pk_isian_gagal"


def _simpan_gagal(request, pk: PerjanjianKinerja, salah: set[str]) -> None:
    """Isian formulir PK yang ditolak, untuk ditampilkan lagi sesudah dialihkan (PRG)."""
    request.session[KUNCI_GAGAL] = {
        "pk": pk.pk,
        "data": {k: v for k, v in request.POST.items() if k.startswith(("t-", "ra-"))},
        "salah": sorted(salah),
    }


def isian_gagal(request, pk_list) -> None:
    """Pasang kembali isian formulir PK yang ditolak pada butir-butirnya (``tampil_target``,
    ``rencana_aksi_isian`` dengan teks yang diketik) dan tandai medan yang salah (``salah``)."""
    gagal = request.session.pop(KUNCI_GAGAL, None)
    if not gagal:
        return
    for v in pk_list:
        if v.pk != gagal.get("pk"):
            continue
        data, salah = gagal.get("data", {}), set(gagal.get("salah", []))
        for it in v.indikator.all():
            t = f"t-{it.indikator_id}"
            it.tampil_target = data.get(t)
            it.target_salah = t in salah
            it.rencana_aksi_isian = [
                (tw, nilai, data.get(f"ra-{it.id}-{tw}"), f"ra-{it.id}-{tw}" in salah)
                for tw, nilai, *_ in it.rencana_aksi_isian
            ]


def _pk(request, opd, tahun: int, jabatan) -> PerjanjianKinerja:
    versi = bilangan_id(request.POST.get("versi", ""))
    if versi is None:
        raise Http404("Versi PK tidak dikenal")
    return get_object_or_404(PerjanjianKinerja, opd=opd, tahun=tahun, versi=versi, jabatan=jabatan)


@login_required
@require_POST
def pk_buat(request, slug: str, tahun: int):
    opd, jabatan, kembali = _konteks(request, slug, tahun)
    try:
        if jabatan is not None:
            pk = services.buat_pk_jabatan(request.user, jabatan, tahun)
            messages.success(
                request,
                f"{pk} disusun dari target indikator yang menjadi tanggung jawabnya (draf).",
            )
        else:
            services.buat_pk_murni(request.user, opd, tahun)
            messages.success(request, "PK murni disusun dari target IKU Renstra (draf).")
    except services.PKError as exc:
        messages.error(request, str(exc))
    return kembali


def _simpan_target(request, slug: str, tahun: int, perubahan: bool):
    opd, jabatan, kembali = _konteks(request, slug, tahun)
    pk = _pk(request, opd, tahun, jabatan)
    form = FormTargetPK(pk, request.POST)
    galat = form.galat(pk)
    if galat:
        for g in galat:
            messages.error(request, g)
        kosong = {
            f"t-{it.indikator_id}"
            for it in form.butir
            if not (request.POST.get(f"t-{it.indikator_id}") or "").strip()
        }
        _simpan_gagal(request, pk, set(form.errors) | kosong)
        return kembali
    try:
        if perubahan:
            baru = services.buat_perubahan(request.user, pk, form.isian())
            messages.success(request, f"{baru} dibuat; versi sebelumnya tetap tersimpan.")
        else:
            services.ubah_target(request.user, pk, form.isian())
            messages.success(request, "Target PK disimpan.")
    except services.PKError as exc:
        messages.error(request, str(exc))
    return kembali


@login_required
@require_POST
def pk_target(request, slug: str, tahun: int):
    return _simpan_target(request, slug, tahun, perubahan=False)


@login_required
@require_POST
def pk_perubahan(request, slug: str, tahun: int):
    return _simpan_target(request, slug, tahun, perubahan=True)


@login_required
@require_POST
def pk_rencana_aksi(request, slug: str, tahun: int):
    opd, jabatan, kembali = _konteks(request, slug, tahun)
    pk = _pk(request, opd, tahun, jabatan)
    form = FormRencanaAksi(pk, request.POST)
    if not form.is_valid():
        for g in form.galat():
            messages.error(request, g)
        _simpan_gagal(request, pk, set(form.errors))
        return kembali
    try:
        services.simpan_rencana_aksi(request.user, pk, form.isian())
        messages.success(request, "Rencana Aksi disimpan.")
    except services.PKError as exc:
        messages.error(request, str(exc))
    return kembali


@login_required
@require_POST
def pk_alur(request, slug: str, tahun: int, aksi: str):
    """Langkah alur PK (ajukan, setujui, kembalikan) — peran diperiksa penangan alur bersama."""
    if aksi not in {lk.aksi for lk in ALUR_PK.langkah}:
        raise Http404("Langkah alur PK tidak dikenal")
    opd, jabatan, kembali = _konteks(request, slug, tahun, Aksi.LIHAT)
    periksa_peran(request, ALUR_PK, opd, aksi)
    pk = _pk(request, opd, tahun, jabatan)
    return jalankan_alur(request, ALUR_PK, pk, aksi, kembali.url)
