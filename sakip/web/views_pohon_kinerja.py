"""Pohon kinerja OPD: sunting pernyataan kinerja, usulkan crosscutting, terima/tolak crosscutting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sakip import akses
from sakip.akses import Aksi
from sakip.organisations.models import PerangkatDaerah
from sakip.planning import pohon_kinerja as layanan
from sakip.planning.alur import ALUR_CROSSCUTTING
from sakip.planning.models import Crosscutting, Sasaran
from sakip.web.views_alur import jalankan_alur
from sakip.workflow import services as alur

LABEL_MEDAN = {"sasaran": "Sasaran", "mitra": "Mitra", "peran": "Kontribusi mitra"}


def dengan_tombol(request, daftar: list[Crosscutting], slug: str | None = None) -> list:
    """Status setiap crosscutting dengan tombol Terima/Tolak yang boleh bagi pengguna ini (langkah
    lewat halaman OPD ``slug``, atau OPD pengusulnya)."""
    for c in daftar:
        c.tampilan = alur.tampilan(
            ALUR_CROSSCUTTING,
            request.user,
            c,
            lambda a, c=c: reverse(
                "web:crosscutting_alur", args=[slug or c.pengusul.slug, c.tahun, c.pk, a]
            ),
        )
    return daftar


def konteks_crosscutting(request, opd: PerangkatDaerah, tahun: int) -> dict:
    """Bagian crosscutting halaman pohon OPD: daftar dengan tombol keputusan, formulir usulan."""
    return {
        "crosscutting": dengan_tombol(request, layanan.crosscutting_opd(opd, tahun), opd.slug),
        "boleh_usul": akses.boleh(request.user, opd, Aksi.ISI_PENUH),
        "sasaran_usul": list(
            Sasaran.objects.filter(
                tujuan__renstra__opd=opd,
                tujuan__renstra__tahun_awal__lte=tahun,
                tujuan__renstra__tahun_akhir__gte=tahun,
            ).order_by("tujuan__urutan", "urutan")
        ),
        "opd_mitra": list(
            PerangkatDaerah.objects.filter(pemda_id=opd.pemda_id)
            .exclude(pk=opd.pk)
            .order_by("nama")
        ),
    }


@login_required
def kinerja(request, slug: str, tahun: int):
    opd = akses.opd(request.user, slug)
    simpul = layanan.simpul_kinerja(opd)
    galat: dict[str, str] = {}
    kiriman: dict[str, str] = {}
    if request.method == "POST":
        kiriman = {k: request.POST[k] for k, _ in simpul if k in request.POST}
        try:
            n = layanan.simpan_pernyataan(request.user, opd, kiriman)
        except layanan.PohonKinerjaError as e:
            galat = e.galat
        else:
            messages.success(request, f"{n} pernyataan kinerja disimpan.")
            return redirect("web:pohon_kinerja", slug=slug, tahun=tahun)
    baris = [
        {
            "kunci": k,
            "jenis": layanan.LABEL[k.split(":", 1)[0]],
            "obj": obj,
            "teks": kiriman.get(k, obj.kinerja),
            "galat": galat.get(k),
        }
        for k, obj in simpul
    ]
    return render(
        request,
        "web/pohon_kinerja.html",
        {
            "opd": opd,
            "tahun": tahun,
            "baris": baris,
            "boleh": akses.boleh(request.user, opd, Aksi.ISI_PENUH),
        },
    )


@login_required
@require_POST
def crosscutting_usul(request, slug: str, tahun: int):
    opd = akses.opd(request.user, slug, Aksi.ISI_PENUH)
    try:
        c = layanan.usulkan(
            request.user,
            opd,
            tahun,
            layanan.IsianCrosscutting(
                request.POST.get("sasaran", ""),
                request.POST.get("mitra_opd", ""),
                request.POST.get("mitra_instansi", ""),
                request.POST.get("peran", ""),
            ),
        )
    except layanan.PohonKinerjaError as e:
        for k, v in e.galat.items():
            messages.error(request, f"{LABEL_MEDAN[k]}: {v}" if k in LABEL_MEDAN else v)
    else:
        messages.success(request, f"Crosscutting diusulkan kepada {c.nama_mitra}.")
    return redirect(reverse("web:pohon_opd", args=[slug, tahun]) + "#crosscutting")


@login_required
@require_POST
def crosscutting_alur(request, slug: str, tahun: int, pk: int, aksi: str):
    opd = akses.opd(request.user, slug)
    c = get_object_or_404(
        Crosscutting.objects.select_related("pengusul__pemda", "mitra_opd"),
        pk=pk,
        tahun=tahun,
    )
    if opd.pk not in (c.pengusul_id, c.mitra_opd_id):
        from django.http import Http404

        raise Http404("Crosscutting ini bukan milik Perangkat Daerah tersebut.")
    return jalankan_alur(
        request,
        ALUR_CROSSCUTTING,
        c,
        aksi,
        reverse("web:pohon_opd", args=[slug, tahun]) + "#crosscutting",
    )
