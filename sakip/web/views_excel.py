"""Templat Excel realisasi: unduh, unggah, pratinjau, konfirmasi."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from sakip.interchange import excel
from sakip.organisations import permissions
from sakip.organisations.models import PerangkatDaerah
from sakip.organisations.permissions import dapat_melihat

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAKS = 5 * 1024 * 1024


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
    key = f"excel:{opd.pk}:{tahun}"
    ctx = {
        "opd": opd,
        "tahun": tahun,
        "boleh": boleh,
        "galat": [],
        "perubahan": request.session.get(key),
    }
    if request.method == "POST":
        if not boleh:
            raise PermissionDenied("Hanya Operator OPD atau Admin Pemda yang dapat mengunggah.")
        if "konfirmasi" in request.POST:
            changes = request.session.pop(key, None)
            if not changes:
                messages.error(request, "Tidak ada pratinjau yang menunggu; unggah berkas lagi.")
                return redirect("web:excel", slug=slug, tahun=tahun)
            try:
                n = excel.terapkan(request.user, opd, tahun, changes)
            except excel.ExcelError as exc:
                messages.error(request, " ".join(exc.galat))
            else:
                messages.success(request, f"{n} perubahan dari Excel disimpan.")
            return redirect("web:excel", slug=slug, tahun=tahun)
        if "batal" in request.POST:
            request.session.pop(key, None)
            messages.success(request, "Pratinjau dibatalkan; tidak ada yang disimpan.")
            return redirect("web:excel", slug=slug, tahun=tahun)
        f = request.FILES.get("berkas")
        if f is None:
            ctx["galat"] = ["Pilih berkas .xlsx yang akan diunggah."]
        elif f.size > MAKS:
            ctx["galat"] = ["Berkas terlalu besar (paling besar 5 MB)."]
        else:
            try:
                changes = excel.baca_unggahan(opd, tahun, f.read())
            except excel.ExcelError as exc:
                ctx["galat"] = exc.galat
                request.session.pop(key, None)
            else:
                request.session[key] = excel.sebagai_dict(changes)
                ctx["perubahan"] = request.session[key]
                if not changes:
                    messages.success(request, "Tidak ada perubahan dibanding data sakip.")
    return render(request, "web/excel.html", ctx)
