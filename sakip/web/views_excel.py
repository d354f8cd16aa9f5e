"""Templat Excel realisasi: unduh, unggah, pratinjau, konfirmasi."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from sakip.interchange import excel
from sakip.organisations import permissions
from sakip.organisations.models import PerangkatDaerah
from sakip.organisations.permissions import dapat_melihat
from sakip.web import unggah as unggah_lembar

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _opd(request, slug):
    opd = get_object_or_404(PerangkatDaerah.objects.select_related("pemda"), slug=slug)
    if not dapat_melihat(request.user, opd):
        raise PermissionDenied("Anda tidak berwenang melihat data Perangkat Daerah ini.")
    return opd


@login_required
def templat(request, slug: str, tahun: int):
    opd = _opd(request, slug)
    resp = HttpResponse(excel.buat_templat(opd, tahun), content_type=XLSX)
    resp["Content-Disposition"] = f'attachment; filename="sakip-{opd.slug}-{tahun}.xlsx"'
    return resp


@login_required
def unggah(request, slug: str, tahun: int):
    opd = _opd(request, slug)
    boleh = permissions.boleh_mengisi(request.user, opd)
    u = unggah_lembar.Unggahan(
        kunci=f"excel:{opd.pk}:{tahun}",
        baca=lambda data, nama: excel.baca_unggahan(opd, tahun, data, nama),
        sebagai_dict=excel.sebagai_dict,
        terapkan=lambda changes: excel.terapkan(request.user, opd, tahun, changes),
        halaman=reverse("web:excel", kwargs={"slug": slug, "tahun": tahun}),
    )
    ctx = {
        "opd": opd,
        "tahun": tahun,
        "boleh": boleh,
        "perubahan": unggah_lembar.pratinjau(request, u),
    }
    if request.method == "POST":
        if not boleh:
            raise PermissionDenied("Hanya Operator OPD atau Admin Pemda yang dapat mengunggah.")
        if resp := unggah_lembar.proses(request, u, ctx):
            return resp
    ctx.setdefault("galat", [])
    return render(request, "web/excel.html", ctx)
