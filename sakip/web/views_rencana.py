"""Buku kerja perencana: seluruh rencana OPD-tahun dalam satu .xlsx — unduh, unggah, pratinjau,
simpan (layanan: :mod:`sakip.interchange.rencana`)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import reverse

from sakip import akses
from sakip.akses import Aksi
from sakip.interchange import rencana
from sakip.planning.models import Renstra, TahunKinerja

from . import unggah as unggah_lembar


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
        kunci=f"rencana:{opd.pk}:{tahun}",
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
    }
    return unggah_lembar.layani(
        request,
        u,
        "web/rencana.html",
        ctx,
        akses.boleh(request.user, opd, Aksi.ISI_PENUH),
        "Hanya Operator OPD ini atau Admin Pemda yang dapat mengunggah rencana.",
    )
