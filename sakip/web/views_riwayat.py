"""Halaman riwayat perubahan (jejak audit) satu OPD."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from sakip import akses
from sakip.audit.models import JejakAudit


@login_required
def riwayat(request, slug: str):
    opd = akses.opd(request.user, slug)
    qs = JejakAudit.objects.filter(opd_id=opd.id).select_related("user")
    model, objek_id = request.GET.get("model"), request.GET.get("id")
    if model and objek_id:
        qs = qs.filter(model=model, objek_id=objek_id)
    return render(
        request,
        "web/riwayat.html",
        {"opd": opd, "entries": qs[:500], "model": model, "objek_id": objek_id},
    )
