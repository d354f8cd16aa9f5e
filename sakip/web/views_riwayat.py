"""Halaman riwayat perubahan (jejak audit) satu OPD."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from sakip.audit.models import JejakAudit
from sakip.organisations.models import PerangkatDaerah
from sakip.organisations.permissions import dapat_melihat


@login_required
def riwayat(request, slug: str):
    opd = get_object_or_404(PerangkatDaerah, slug=slug)
    if not dapat_melihat(request.user, opd):
        raise PermissionDenied("Anda tidak berwenang melihat riwayat Perangkat Daerah ini.")
    qs = JejakAudit.objects.filter(opd_id=opd.id).select_related("user")
    model, objek_id = request.GET.get("model"), request.GET.get("id")
    if model and objek_id:
        qs = qs.filter(model=model, objek_id=objek_id)
    return render(
        request,
        "web/riwayat.html",
        {"opd": opd, "entries": qs[:500], "model": model, "objek_id": objek_id},
    )
