"""Kerja harian: pemberitahuan, kalender tenggat Pemda, pencarian."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from sakip import akses
from sakip.harian.kalender import kalender as kalender_pemda
from sakip.harian.models import JenisTenggat, Notifikasi, PilihanPengguna, Tenggat
from sakip.organisations.models import Peran
from sakip.organisations.permissions import _memberships, opd_terlihat


@login_required
def pemberitahuan(request):
    daftar = list(Notifikasi.objects.filter(user=request.user)[:100])
    pilihan = PilihanPengguna.objects.filter(user=request.user).first()
    return render(
        request,
        "web/pemberitahuan.html",
        {
            "daftar": daftar,
            "surel_aktif": pilihan is None or pilihan.surel,
            "belum": sum(1 for n in daftar if n.dibaca_pada is None),
        },
    )


@login_required
def pemberitahuan_jumlah(request):
    """Lencana jumlah yang belum dibaca (dimuat HTMX, di luar kueri halaman)."""
    n = Notifikasi.objects.filter(user=request.user, dibaca_pada__isnull=True).count()
    return HttpResponse(f'<span class="lencana">{n}</span>' if n else "")


@login_required
@require_POST
def pemberitahuan_baca(request):
    qs = Notifikasi.objects.filter(user=request.user, dibaca_pada__isnull=True)
    if request.POST.get("id"):
        qs = qs.filter(pk=request.POST["id"])
        n = qs.first()
        qs.update(dibaca_pada=timezone.now())
        if n and n.tautan.startswith("/"):
            return redirect(n.tautan)
    else:
        qs.update(dibaca_pada=timezone.now())
        messages.success(request, "Semua pemberitahuan ditandai sudah dibaca.")
    return redirect("web:pemberitahuan")


@login_required
@require_POST
def pemberitahuan_surel(request):
    aktif = request.POST.get("surel") == "1"
    PilihanPengguna.objects.update_or_create(user=request.user, defaults={"surel": aktif})
    messages.success(
        request,
        "Surel pemberitahuan dinyalakan." if aktif else "Surel pemberitahuan dimatikan.",
    )
    return redirect("web:pemberitahuan")


def _boleh_ubah_kalender(user, pemda) -> bool:
    return user.is_superuser or any(
        m.peran == Peran.ADMIN_PEMDA and m.pemda_id == pemda.pk for m in _memberships(user)
    )


@login_required
def kalender(request, slug: str, tahun: int):
    pemda = akses.pemda(request.user, slug)
    boleh = _boleh_ubah_kalender(request.user, pemda)
    galat = {}
    if request.method == "POST":
        if not boleh:
            raise PermissionDenied("Hanya Admin Pemda yang dapat mengubah kalender tenggat.")
        tanggal = {}
        for jenis, label in JenisTenggat.choices:
            teks = request.POST.get(jenis, "").strip()
            if not teks:
                tanggal[jenis] = None
                continue
            try:
                tanggal[jenis] = dt.date.fromisoformat(teks)
            except ValueError:
                galat[jenis] = f"{label}: {teks!r} bukan tanggal (contoh: 2026-04-10)."
        if galat:
            messages.error(request, "Kalender tidak disimpan: periksa tanggal yang ditandai.")
        else:
            with transaction.atomic():
                for jenis, tgl in tanggal.items():
                    if tgl is None:
                        Tenggat.objects.filter(pemda=pemda, tahun=tahun, jenis=jenis).delete()
                    else:
                        Tenggat.objects.update_or_create(
                            pemda=pemda, tahun=tahun, jenis=jenis, defaults={"tanggal": tgl}
                        )
            messages.success(request, f"Kalender tenggat {tahun} disimpan.")
            return redirect("web:kalender", slug, tahun)
    hari_ini = timezone.localdate()
    butir = [
        (
            b,
            b.sisa_hari(hari_ini),
            request.POST.get(b.jenis, "") if galat else b.tanggal.isoformat(),
            galat.get(b.jenis, ""),
        )
        for b in kalender_pemda(pemda.pk, [tahun])
    ]
    return render(
        request,
        "web/kalender.html",
        {
            "pemda": pemda,
            "tahun": tahun,
            "butir": butir,
            "boleh": boleh,
        },
    )


@login_required
def cari(request):
    from sakip.planning.models import Indikator, Program

    q = request.GET.get("q", "").strip()[:100]
    hasil = {"opd": [], "indikator": [], "program": []}
    if len(q) >= 2:
        opds = opd_terlihat(request.user)
        hasil["opd"] = list(
            opds.filter(Q(nama__icontains=q) | Q(singkatan__icontains=q)).order_by("nama")[:20]
        )
        terlihat = opds.values("pk")
        hasil["indikator"] = list(
            Indikator.objects.filter(opd__in=terlihat)
            .filter(Q(nama__icontains=q) | Q(kode__icontains=q))
            .select_related("opd")
            .order_by("opd__nama", "urutan", "id")[:50]
        )
        hasil["program"] = list(
            Program.objects.filter(opd__in=terlihat)
            .filter(Q(nama__icontains=q) | Q(kode__icontains=q))
            .select_related("opd")
            .order_by("kode")[:50]
        )
    from django.db.models import Max

    from sakip.planning.models import TahunKinerja

    # tautan ke tahun kinerja terakhir setiap OPD yang muncul
    ids = {o.pk for o in hasil["opd"]} | {i.opd_id for i in hasil["indikator"]}
    ids |= {p.opd_id for p in hasil["program"]}
    tahun = {
        r["opd_id"]: r["t"]
        for r in TahunKinerja.objects.filter(opd_id__in=ids)
        .values("opd_id")
        .annotate(t=Max("tahun"))
    }
    for o in hasil["opd"]:
        o.tahun_terakhir = tahun.get(o.pk)
    for x in hasil["indikator"] + hasil["program"]:
        x.tahun_terakhir = tahun.get(x.opd_id)
    return render(request, "web/cari.html", {"q": q, "hasil": hasil})
