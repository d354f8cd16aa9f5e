"""Halaman Nomenklatur: versi yang dimuat beserta sumbernya, pencarian kode dan nama untuk tahun
tertentu, dan (Admin sistem) pemuatan versi baru dari salinan resmi CSV/XLSX."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from sakip.core.numbers import bilangan_id
from sakip.planning import nomenklatur as nom
from sakip.planning.models import NomenklaturEntri, NomenklaturVersi

from .unggah import MAKS_UNGGAHAN

MAKS_HASIL = 300


def _tahun(teks: str) -> int:
    t = bilangan_id(teks or "")
    return t if t and 2000 <= t <= 2100 else timezone.localdate().year


@login_required
def nomenklatur(request):
    tahun = _tahun(request.GET.get("tahun", ""))
    q = " ".join(request.GET.get("q", "").split())[:100]
    versi = nom.versi_untuk(tahun)
    hasil, lebih = [], False
    if versi and q:
        qs = NomenklaturEntri.objects.filter(versi=versi)
        if q[0].isdigit() or q[:4].upper() == "X.XX":
            try:
                from sakip.core.kode import kunci_nomenklatur

                awalan = kunci_nomenklatur(q) if q.count(".") >= 2 else q
            except ValueError:
                awalan = q
            qs = qs.filter(kunci__startswith=awalan) | qs.filter(
                kunci__startswith="X.XX" + awalan[4:] if awalan[2:4].isdigit() else "\x00"
            )
        else:
            for kata in q.split()[:6]:
                qs = qs.filter(nama__icontains=kata)
        hasil = list(qs.order_by("kunci")[: MAKS_HASIL + 1])
        lebih = len(hasil) > MAKS_HASIL
        hasil = hasil[:MAKS_HASIL]
    return render(
        request,
        "web/nomenklatur.html",
        {
            "tahun": tahun,
            "q": q,
            "versi": versi,
            "semua_versi": NomenklaturVersi.objects.annotate(jumlah=Count("entri")).order_by(
                "-berlaku_mulai"
            ),
            "hasil": hasil,
            "lebih": lebih,
            "maks": MAKS_HASIL,
            "boleh_muat": request.user.is_superuser,
        },
    )


@login_required
def nomenklatur_muat(request):
    """Muat versi baru (Admin sistem): nomenklatur berlaku nasional, untuk setiap Pemda."""
    if not request.user.is_superuser:
        raise PermissionDenied("Hanya Admin sistem yang dapat memuat versi nomenklatur.")
    if request.method != "POST":
        return redirect(reverse("web:nomenklatur"))
    P, f = request.POST, request.FILES.get("berkas")
    try:
        if f is None:
            raise nom.NomenklaturError(["Pilih berkas CSV atau XLSX berisi kolom kode dan nama."])
        if f.size > MAKS_UNGGAHAN * 4:
            raise nom.NomenklaturError(
                [f"Berkas '{f.name}' terlalu besar; paling besar {MAKS_UNGGAHAN * 4 // 2**20} MB."]
            )
        baris = nom.baca_baris(f.read(), f.name)
        v = nom.muat_versi(
            baris,
            P.get("kode", "").strip()[:60],
            P.get("judul", "").strip()[:300],
            P.get("sumber", "").strip()[:2000],
            bilangan_id(P.get("berlaku_mulai", "")) or 0,
            user=request.user,
            ganti=P.get("ganti") == "1",
        )
    except nom.NomenklaturError as exc:
        for p in exc.pesan[:20]:
            messages.error(request, p)
        return redirect(reverse("web:nomenklatur"))
    messages.success(
        request, f"Versi {v.judul} dimuat: {len(baris)} kode, berlaku mulai {v.berlaku_mulai}."
    )
    return redirect(reverse("web:nomenklatur") + f"?tahun={v.berlaku_mulai}")
