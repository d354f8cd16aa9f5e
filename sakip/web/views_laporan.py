"""Reviu laporan tercetak: Inspektorat mengunggah LKjIP (PDF/DOCX/teks), melihat angka yang
terbaca di samping gambar halamannya, membetulkan sel, lalu menjalankan reviu."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sakip import akses
from sakip.akses import Aksi
from sakip.interchange.baca.layanan import (
    LaporanError,
    gambar_halaman,
    hapus_laporan,
    kelompok_klaim,
    koreksi_sel,
    reviu_laporan,
    unggah_laporan,
)
from sakip.organisations.permissions import dapat_mengelola_reviu
from sakip.review.models import LaporanTercetak, TemuanReviu
from sakip.tugas.services import antrekan_baca_laporan, pekerja_aktif

MAKS_UNGGAH = 50 * 1024 * 1024


def _boleh_kelola(user, opd, lap: LaporanTercetak | None = None) -> bool:
    """Laporan reviu: Inspektorat; dokumen awal rencana: Operator OPD itu atau Admin Pemda."""
    if lap is not None and lap.tujuan == LaporanTercetak.Tujuan.RENCANA:
        return akses.boleh(user, opd, Aksi.ISI_PENUH)
    return dapat_mengelola_reviu(user, opd)


def _kelola(request, opd, lap: LaporanTercetak | None = None):
    if not _boleh_kelola(request.user, opd, lap):
        if lap is not None and lap.tujuan == LaporanTercetak.Tujuan.RENCANA:
            raise PermissionDenied(
                "Hanya Operator OPD ini atau Admin Pemda yang dapat mengubahnya."
            )
        raise PermissionDenied("Hanya Inspektorat yang dapat mengunggah dan mereviu laporan.")


def _laporan(opd, tahun: int, pk: int) -> LaporanTercetak:
    return get_object_or_404(LaporanTercetak, pk=pk, opd=opd, tahun=tahun)


@login_required
def daftar(request, slug: str, tahun: int):
    opd = akses.opd(request.user, slug)
    boleh = dapat_mengelola_reviu(request.user, opd)
    galat = ""
    if request.method == "POST":
        _kelola(request, opd)
        f = request.FILES.get("berkas")
        if f is None:
            galat = "Pilih berkas laporan (PDF, DOCX atau teks) lebih dulu."
        elif f.size > MAKS_UNGGAH:
            galat = f"Berkas '{f.name}' terlalu besar (paling besar 50 MB)."
        else:
            isi = f.read()
            if isi[:5] == b"%PDF-" and pekerja_aktif():
                # PDF tebal dibaca puluhan detik: di latar, dengan halaman progres; tanpa pekerja
                # yang berjalan dibaca langsung seperti berkas lain
                t = antrekan_baca_laporan(opd, tahun, f.name, isi, request.user)
                return redirect("web:tugas", t.pk)
            try:
                lap = unggah_laporan(opd, tahun, f.name, isi, oleh=request.user)
            except LaporanError as exc:
                galat = str(exc)
            else:
                n = sum(len(g.sel) for g in kelompok_klaim(lap))
                messages.success(
                    request,
                    f"'{lap.nama}' terbaca: {n} angka dan penilaian tercetak ditempatkan. Periksa, "
                    "betulkan sel yang salah terbaca, lalu jalankan reviu.",
                )
                return redirect("web:laporan_tercetak", slug=slug, tahun=tahun, pk=lap.pk)
    laporan = LaporanTercetak.objects.filter(
        opd=opd, tahun=tahun, tujuan=LaporanTercetak.Tujuan.REVIU
    ).select_related("diunggah_oleh")
    hitung = {
        lap.pk: TemuanReviu.objects.filter(
            opd=opd, tahun=tahun, sumber=lap.sumber, masih_berlaku=True
        ).count()
        for lap in laporan
    }
    return render(
        request,
        "web/laporan_daftar.html",
        {
            "opd": opd,
            "tahun": tahun,
            "laporan": [(lap, hitung[lap.pk]) for lap in laporan],
            "boleh_kelola": boleh,
            "galat": galat,
        },
        status=400 if galat else 200,
    )


@login_required
def detail(request, slug: str, tahun: int, pk: int):
    opd = akses.opd(request.user, slug)
    lap = _laporan(opd, tahun, pk)
    kelompok = kelompok_klaim(lap)
    try:
        pilih = int(request.GET.get("bagian", "0"))
    except ValueError:
        pilih = 0
    pilih = pilih if 0 <= pilih < len(kelompok) else 0
    aktif = kelompok[pilih] if kelompok else None
    halaman = aktif.halaman if aktif and aktif.halaman else 1
    try:
        h = int(request.GET.get("halaman", halaman))
    except ValueError:
        h = halaman
    if lap.halaman:
        halaman = min(max(h, 1), lap.halaman)
    return render(
        request,
        "web/laporan_detail.html",
        {
            "opd": opd,
            "tahun": tahun,
            "lap": lap,
            "kelompok": kelompok,
            "pilih": pilih,
            "aktif": aktif,
            "halaman": halaman,
            "boleh_kelola": _boleh_kelola(request.user, opd, lap),
            "rencana": lap.tujuan == LaporanTercetak.Tujuan.RENCANA,
            "jumlah_temuan": TemuanReviu.objects.filter(
                opd=opd, tahun=tahun, sumber=lap.sumber, masih_berlaku=True
            ).count(),
        },
    )


@login_required
def halaman(request, slug: str, tahun: int, pk: int, nomor: int):
    opd = akses.opd(request.user, slug)
    lap = _laporan(opd, tahun, pk)
    try:
        png = gambar_halaman(lap, nomor)
    except LaporanError as exc:
        raise Http404(str(exc)) from None
    resp = HttpResponse(png, content_type="image/png")
    resp["Cache-Control"] = "private, max-age=3600"
    return resp


@login_required
@require_POST
def sel(request, slug: str, tahun: int, pk: int, indeks: int):
    opd = akses.opd(request.user, slug)
    lap = _laporan(opd, tahun, pk)
    _kelola(request, opd, lap)
    try:
        lama = koreksi_sel(lap, indeks, request.POST.get("teks", ""), oleh=request.user)
    except LaporanError as exc:
        messages.error(request, f"Sel tidak diubah: {exc}")
    else:
        messages.success(
            request, f"Sel dibetulkan: '{lama}' → '{request.POST.get('teks', '').strip()}'."
        )
    bagian = request.POST.get("bagian", "0")
    kembali = reverse("web:laporan_tercetak", args=[slug, tahun, pk])
    return redirect(f"{kembali}?bagian={bagian if bagian.isdigit() else 0}#sel-{indeks}")


@login_required
@require_POST
def jalankan(request, slug: str, tahun: int, pk: int):
    opd = akses.opd(request.user, slug)
    lap = _laporan(opd, tahun, pk)
    _kelola(request, opd)  # reviu: selalu Inspektorat
    if lap.tujuan != LaporanTercetak.Tujuan.REVIU:
        raise Http404("Dokumen ini diunggah untuk memulai rencana, bukan untuk direviu")
    try:
        hasil = reviu_laporan(lap, oleh=request.user)
    except LaporanError as exc:
        messages.error(request, f"Reviu tidak dijalankan: {exc}")
        return redirect("web:laporan_tercetak", slug=slug, tahun=tahun, pk=pk)
    messages.success(
        request,
        f"Reviu '{lap.nama}' selesai: {hasil['ditemukan']} temuan ({hasil['baru']} baru, "
        f"{hasil['tidak_ditemukan_lagi']} tidak ditemukan lagi).",
    )
    return redirect(f"{reverse('web:reviu', args=[slug, tahun])}?sumber={lap.sumber}")


@login_required
@require_POST
def hapus(request, slug: str, tahun: int, pk: int):
    opd = akses.opd(request.user, slug)
    lap = _laporan(opd, tahun, pk)
    _kelola(request, opd, lap)
    nama, rencana = lap.nama, lap.tujuan == LaporanTercetak.Tujuan.RENCANA
    n = hapus_laporan(lap)
    if rencana:
        messages.success(request, f"Dokumen '{nama}' dihapus; rencana yang sudah disimpan tetap.")
        return redirect("web:rencana", slug=slug, tahun=tahun)
    messages.success(request, f"Laporan '{nama}' dihapus beserta {n} temuan reviunya.")
    return redirect("web:laporan_daftar", slug=slug, tahun=tahun)
