"""Halaman LKjIP Pemda: narasi per bagian (Admin Pemda), Pernyataan Telah Direviu (Inspektorat),
alur (ajukan → tetapkan) dan unduhan dokumennya."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sakip import akses
from sakip.akses import Aksi
from sakip.reporting import lkjip_pemda as layanan
from sakip.review.alur_pemda import ALUR_LKJIP_PEMDA, tandatangani_reviu
from sakip.review.pernyataan import IsianPernyataan, PernyataanError
from sakip.rpjmd.services import rpjmd_berlaku
from sakip.web.views_alur import jalankan_alur
from sakip.workflow import services as alur

LABEL_MEDAN = {"nama": "Nama Inspektur", "tanggal": "Tanggal pernyataan", "nip": "NIP"}


@login_required
def halaman(request, slug: str, tahun: int):
    pemda = akses.pemda(request.user, slug, Aksi.DASBOR)
    obj = layanan.status_lkjip_pemda(pemda, tahun)
    boleh = akses.boleh(request.user, pemda, Aksi.KELOLA) and layanan.dapat_disunting(obj)
    bagian = layanan.bagian_narasi(pemda, tahun)
    isi = layanan.narasi_pemda(pemda, tahun)
    galat: dict[str, str] = {}
    if request.method == "POST":
        kiriman = {k: request.POST.get(k, "") for k, _ in bagian if k in request.POST}
        try:
            n = layanan.simpan_narasi_pemda(request.user, pemda, tahun, kiriman)
        except layanan.NarasiPemdaError as e:
            galat = e.galat
            for k, v in galat.items():
                if k not in dict(bagian):
                    messages.error(request, v)
            isi = {**isi, **kiriman}
        else:
            messages.success(
                request,
                f"{n} bagian narasi disimpan. Bagian yang kosong disusun otomatis sebagai draf.",
            )
            return redirect("web:lkjip_pemda", slug=slug, tahun=tahun)
    return render(
        request,
        "web/lkjip_pemda.html",
        {
            "pemda": pemda,
            "tahun": tahun,
            "obj": obj,
            "ada_rpjmd": rpjmd_berlaku(pemda, tahun) is not None,
            "boleh": boleh,
            "boleh_reviu": akses.boleh(request.user, pemda, Aksi.REVIU)
            and obj.status == obj.Status.DIAJUKAN,
            "fields": [
                {"kunci": k, "label": label, "teks": isi.get(k, ""), "galat": galat.get(k)}
                for k, label in bagian
            ],
            "belum": layanan.belum_disunting(pemda, tahun),
            "alur": alur.tampilan(
                ALUR_LKJIP_PEMDA,
                request.user,
                obj,
                lambda a: reverse("web:lkjip_pemda_alur", args=[slug, tahun, a]),
            ),
        },
    )


@login_required
@require_POST
def reviu(request, slug: str, tahun: int):
    pemda = akses.pemda(request.user, slug, Aksi.REVIU)
    obj = layanan.status_lkjip_pemda(pemda, tahun)
    try:
        tandatangani_reviu(
            request.user,
            obj,
            IsianPernyataan(
                tanggal=request.POST.get("reviu_tanggal", ""),
                nama=request.POST.get("reviu_nama", ""),
                pangkat=request.POST.get("reviu_pangkat", ""),
                nip=request.POST.get("reviu_nip", ""),
            ),
        )
    except PernyataanError as e:
        for k, v in (e.galat or {"": str(e)}).items():
            label = LABEL_MEDAN.get(k)
            messages.error(request, f"{label}: {v}" if label and not v.startswith(label) else v)
    else:
        messages.success(request, "Pernyataan Telah Direviu ditandatangani.")
    return redirect("web:lkjip_pemda", slug=slug, tahun=tahun)


@login_required
@require_POST
def langkah(request, slug: str, tahun: int, aksi: str):
    pemda = akses.pemda(request.user, slug)
    obj = layanan.status_lkjip_pemda(pemda, tahun)
    return jalankan_alur(
        request, ALUR_LKJIP_PEMDA, obj, aksi, reverse("web:lkjip_pemda", args=[slug, tahun])
    )
