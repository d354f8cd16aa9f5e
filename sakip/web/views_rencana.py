"""Buku kerja perencana: seluruh rencana OPD-tahun dalam satu .xlsx — unduh, unggah, pratinjau,
simpan (layanan: :mod:`sakip.interchange.rencana`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from sakip import akses
from sakip.akses import Aksi
from sakip.interchange import rencana
from sakip.interchange.baca.layanan import LaporanError, kelompok_klaim, unggah_laporan
from sakip.interchange.excel import ExcelError
from sakip.planning.models import Renstra, TahunKinerja
from sakip.review.models import LaporanTercetak

from . import unggah as unggah_lembar

MAKS_DOKUMEN = 50 * 1024 * 1024


@login_required
def buku(request, slug: str, tahun: int):
    opd = akses.opd(request.user, slug)
    resp = HttpResponse(rencana.unduh(request.user, opd, tahun), content_type=rencana.XLSX)
    resp["Content-Disposition"] = f'attachment; filename="rencana-{opd.slug}-{tahun}.xlsx"'
    return resp


@login_required
def halaman(request, slug: str, tahun: int):
    opd = akses.opd(request.user, slug)
    u = unggah_lembar.Unggahan(
        kunci=_kunci(opd, tahun),
        baca=lambda data, nama: rencana.baca_unggahan(request.user, opd, tahun, data, nama),
        sebagai_dict=rencana.sebagai_dict,
        terapkan=lambda simpanan: rencana.terapkan(request.user, opd, tahun, simpanan),
        halaman=reverse("web:rencana", kwargs={"slug": slug, "tahun": tahun}),
        pesan_selesai="Rencana dari buku kerja disimpan ({n} perubahan).",
        pesan_sama="Buku kerja sama dengan rencana di sakip; tidak ada yang perlu disimpan.",
    )
    ctx = {
        "opd": opd,
        "tahun": tahun,
        "ada_rencana": TahunKinerja.objects.filter(opd=opd, tahun=tahun).exists(),
        "renstra": Renstra.objects.filter(
            opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun
        ).first(),
        "dokumen": LaporanTercetak.objects.filter(
            opd=opd, tahun=tahun, tujuan=LaporanTercetak.Tujuan.RENCANA
        ),
    }
    return unggah_lembar.layani(
        request,
        u,
        "web/rencana.html",
        ctx,
        akses.boleh(request.user, opd, Aksi.ISI_PENUH),
        "Hanya Operator OPD ini atau Admin Pemda yang dapat mengunggah rencana.",
    )


def _kunci(opd, tahun: int) -> str:
    return f"rencana:{opd.pk}:{tahun}"


@login_required
@require_POST
def dari_dokumen(request, slug: str, tahun: int):
    """Mulai dari dokumen tahun lalu: LKjIP/Renstra tercetak dibaca menjadi draf rencana, lalu
    ditampilkan di halaman pembacaan (angka di samping gambar halamannya) untuk diperiksa."""
    opd = akses.opd(request.user, slug, Aksi.ISI_PENUH)
    f = request.FILES.get("dokumen")
    if f is None:
        messages.error(request, "Pilih dokumen (PDF, DOCX atau teks) lebih dulu.")
    elif f.size > MAKS_DOKUMEN:
        messages.error(request, f"Dokumen '{f.name}' terlalu besar (paling besar 50 MB).")
    else:
        try:
            lap = unggah_laporan(opd, tahun, f.name, f.read(), oleh=request.user, tujuan="rencana")
        except LaporanError as exc:
            messages.error(request, f"Dokumen tidak terbaca: {exc}")
        else:
            n = sum(len(g.sel) for g in kelompok_klaim(lap))
            messages.success(
                request,
                f"'{lap.nama}' terbaca: {n} angka ditempatkan, {len(lap.tidak_terbaca)} hal tidak "
                "dapat ditempatkan. Periksa dan betulkan angka yang salah terbaca, lalu buat "
                "pratinjau rencana.",
            )
            return redirect("web:laporan_tercetak", slug=slug, tahun=tahun, pk=lap.pk)
    return redirect("web:rencana", slug=slug, tahun=tahun)


@login_required
@require_POST
def jadikan_rencana(request, slug: str, tahun: int, pk: int):
    """Draf dokumen yang sudah diperiksa → pratinjau rencana (disimpan sesudah dikonfirmasi)."""
    opd = akses.opd(request.user, slug, Aksi.ISI_PENUH)
    lap = get_object_or_404(
        LaporanTercetak, pk=pk, opd=opd, tahun=tahun, tujuan=LaporanTercetak.Tujuan.RENCANA
    )
    try:
        hasil = rencana.dari_laporan(request.user, lap)
    except ExcelError as exc:
        messages.error(request, "Draf belum dapat menjadi rencana: " + " ".join(exc.galat))
        return redirect("web:laporan_tercetak", slug=slug, tahun=tahun, pk=pk)
    request.session[_kunci(opd, tahun)] = rencana.sebagai_dict(hasil)
    if not hasil:
        messages.success(request, "Draf dokumen sama dengan rencana di sakip.")
    return redirect(reverse("web:rencana", args=[slug, tahun]) + "#pratinjau")
