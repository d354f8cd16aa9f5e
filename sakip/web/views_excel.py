"""Templat Excel realisasi: unduh, unggah, pratinjau, konfirmasi."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import reverse

from sakip import akses
from sakip.interchange import excel
from sakip.organisations import permissions
from sakip.web import unggah as unggah_lembar

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def templat(request, slug: str, tahun: int):
    opd = akses.opd(request.user, slug)
    resp = HttpResponse(excel.buat_templat(opd, tahun), content_type=XLSX)
    resp["Content-Disposition"] = f'attachment; filename="sakip-{opd.slug}-{tahun}.xlsx"'
    return resp


@login_required
def unggah(request, slug: str, tahun: int):
    opd = akses.opd(request.user, slug)
    boleh = permissions.boleh_mengisi(request.user, opd)
    u = unggah_lembar.Unggahan(
        kunci=f"excel:{opd.pk}:{tahun}",
        baca=lambda data, nama: excel.baca_unggahan(opd, tahun, data, nama),
        sebagai_dict=excel.sebagai_dict,
        terapkan=lambda changes: excel.terapkan(request.user, opd, tahun, changes),
        halaman=reverse("web:excel", kwargs={"slug": slug, "tahun": tahun}),
    )
    return unggah_lembar.layani(
        request,
        u,
        "web/excel.html",
        {"opd": opd, "tahun": tahun},
        boleh,
        "Hanya Operator OPD atau Admin Pemda yang dapat mengunggah.",
    )
