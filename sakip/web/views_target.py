"""Halaman isian target Renstra per tahun."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from sakip import akses
from sakip.core.numbers import format_angka
from sakip.measurement.entry import indikator_isian
from sakip.organisations.permissions import boleh_mengisi
from sakip.planning import services
from sakip.planning.models import Renstra, TargetIndikator

from .formulir.target import FormTargetRenstra


@login_required
def target(request, slug: str, tahun: int):
    opd = akses.opd(request.user, slug)
    r = Renstra.objects.filter(opd=opd, tahun_awal__lte=tahun, tahun_akhir__gte=tahun).first()
    if r is None:
        raise Http404("Renstra yang berlaku belum ada")
    years = r.tahun_list
    inds = indikator_isian(opd, tahun)
    boleh = boleh_mengisi(request.user, opd)
    current = {
        (t.indikator_id, t.tahun): t for t in TargetIndikator.objects.filter(indikator__in=inds)
    }
    galat, terkini = {}, {}
    if request.method == "POST":
        if not boleh:
            raise PermissionDenied(
                "Hanya Operator OPD atau Admin Pemda yang dapat mengubah target."
            )
        form = FormTargetRenstra(inds, years, request.POST)
        try:
            if not form.is_valid():
                raise services.TargetError({})
            n = services.simpan_target_renstra(request.user, opd, inds, years, form.isian())
        except services.TargetError as exc:
            galat = form.galat(exc.galat)
            terkini = {form.nama_medan(k): t for k, t in exc.terkini.items()}
            messages.error(
                request,
                "Target tidak disimpan: sebagian sel sudah diubah orang lain sejak halaman ini dibuka."
                if terkini
                else "Target tidak disimpan: periksa isian yang ditandai.",
            )
        else:
            messages.success(request, f"Target Renstra disimpan ({n} sel berubah).")
            return redirect("web:target", slug=slug, tahun=tahun)
    rows = []
    for ind in inds:
        cells = []
        for y in years:
            key = f"t-{ind.id}-{y}"
            t = current.get((ind.id, y))
            shown = "" if t is None else format_angka(t.nilai, None, strip_zeros=True)
            cell = {"key": key, "val": shown, "galat": galat.get(key), "versi": t.versi if t else 0}
            cell["awal"] = shown
            if galat:
                cell["val"] = request.POST.get(key, "")
                if key not in terkini:  # pertahankan apa yang dibaca semula
                    cell["awal"] = request.POST.get(f"a-{key}", shown)
                    cell["versi"] = request.POST.get(f"v-{key}", cell["versi"])
            cells.append(cell)
        rows.append({"ind": ind, "cells": cells})
    return render(
        request,
        "web/target.html",
        {"opd": opd, "tahun": tahun, "r": r, "years": years, "rows": rows, "boleh": boleh},
    )
