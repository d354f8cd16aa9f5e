from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from sakip.core.numbers import NumberFormatError, format_angka, parse_angka
from sakip.measurement.entry import boleh_mengisi, indikator_isian
from sakip.organisations.models import PerangkatDaerah
from sakip.organisations.permissions import dapat_melihat
from sakip.planning.models import Renstra, TargetIndikator


@login_required
def target(request, slug: str, tahun: int):
    opd = get_object_or_404(PerangkatDaerah.objects.select_related("pemda"), slug=slug)
    if not dapat_melihat(request.user, opd):
        raise PermissionDenied("Anda tidak berwenang melihat data Perangkat Daerah ini.")
    r = Renstra.objects.filter(opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun).first()
    if r is None:
        raise Http404("Renstra yang berlaku belum ada")
    years = r.tahun_list
    inds = indikator_isian(opd, tahun)
    boleh = boleh_mengisi(request.user, opd)
    current = {
        (t.indikator_id, t.tahun): t for t in TargetIndikator.objects.filter(indikator__in=inds)
    }
    galat = {}
    if request.method == "POST":
        if not boleh:
            raise PermissionDenied(
                "Hanya Operator OPD atau Admin Pemda yang dapat mengubah target."
            )
        values = {}
        for ind in inds:
            for y in years:
                key = f"t-{ind.id}-{y}"
                raw = (request.POST.get(key) or "").strip()
                if not raw:
                    values[(ind.id, y)] = None
                    continue
                try:
                    values[(ind.id, y)] = parse_angka(raw)
                except NumberFormatError:
                    galat[key] = f"Target “{ind.nama}” tahun {y}: '{raw}' bukan angka"
        if not galat:
            with transaction.atomic():
                for (ind_id, y), v in values.items():
                    if v is None:
                        TargetIndikator.objects.filter(indikator_id=ind_id, tahun=y).delete()
                    else:
                        TargetIndikator.objects.update_or_create(
                            indikator_id=ind_id, tahun=y, defaults={"nilai": v}
                        )
            messages.success(request, "Target Renstra disimpan.")
            return redirect("web:target", slug=slug, tahun=tahun)
    rows = []
    for ind in inds:
        cells = []
        for y in years:
            key = f"t-{ind.id}-{y}"
            t = current.get((ind.id, y))
            val = (
                request.POST.get(key, "")
                if galat
                else ("" if t is None else format_angka(t.nilai, None, strip_zeros=True))
            )
            cells.append({"key": key, "val": val, "galat": galat.get(key)})
        rows.append({"ind": ind, "cells": cells})
    return render(
        request,
        "web/target.html",
        {"opd": opd, "tahun": tahun, "r": r, "years": years, "rows": rows, "boleh": boleh},
    )
