"""Halaman isian pagu dan realisasi anggaran per sub kegiatan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from sakip import akses
from sakip.budget import entry
from sakip.core.numbers import format_angka
from sakip.organisations.permissions import boleh_mengisi

from .formulir.anggaran import FormAnggaran

LABEL = {
    "pagu": "Pagu",
    "real": "Realisasi setahun",
    "tw1": "Realisasi TW I",
    "tw2": "Realisasi TW II",
    "tw3": "Realisasi TW III",
    "tw4": "Realisasi TW IV",
}


def _f(a, field):
    return "" if a is None else format_angka(getattr(a, field), 0)


@login_required
def anggaran(request, slug: str, tahun: int):
    opd = akses.opd(request.user, slug)
    boleh = boleh_mengisi(request.user, opd)
    galat, terkini = {}, {}
    if request.method == "POST":
        if not boleh:
            raise PermissionDenied(
                "Hanya Operator OPD atau Admin Pemda yang dapat mengisi anggaran."
            )
        form = FormAnggaran(entry.baris_anggaran(opd, tahun), request.POST)
        try:
            if not form.is_valid():
                raise entry.AnggaranError({})
            n = entry.simpan_anggaran(request.user, opd, tahun, form.isian())
        except entry.AnggaranError as exc:
            galat, terkini = form.galat(exc.galat), exc.terkini
            messages.error(
                request,
                "Anggaran tidak disimpan: sebagian baris sudah diubah orang lain sejak halaman ini "
                "dibuka."
                if terkini
                else "Anggaran tidak disimpan: periksa isian yang ditandai.",
            )
        else:
            messages.success(request, f"{n} baris anggaran disimpan.")
            return redirect("web:anggaran", slug=slug, tahun=tahun)
    rows = []
    for r in entry.baris_anggaran(opd, tahun):
        k, d = r["key"], r["data"]
        vals = {
            "pagu": _f(d.get(0), "pagu"),
            "real": _f(d.get(0), "realisasi"),
            **{f"tw{t}": _f(d.get(t), "realisasi") for t in (1, 2, 3, 4)},
        }
        sidik = entry.sidik_baris(d)
        if galat:
            vals = {f: request.POST.get(f"{f}-{k}", "") for f in vals}
            sidik = terkini.get(k) or request.POST.get(f"h-{k}", sidik)
        errs = [v for key, v in galat.items() if key.endswith("-" + k)]
        isian = [(f, v, LABEL[f]) for f, v in vals.items()]
        rows.append({**r, "vals": vals, "isian": isian, "galat": errs, "sidik": sidik})
    return render(
        request,
        "web/anggaran.html",
        {"opd": opd, "tahun": tahun, "rows": rows, "boleh": boleh, "galat": galat},
    )
