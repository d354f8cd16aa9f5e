"""Halaman penyuntingan narasi LKjIP."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render

from sakip import akses
from sakip.organisations.models import Keanggotaan, Peran
from sakip.planning.models import Sasaran
from sakip.reporting.models import KUNCI_NARASI, Narasi

MAKS = 20000


def dapat_menyunting(user, opd) -> bool:
    if user.is_superuser:
        return True
    return (
        Keanggotaan.objects.filter(user=user, peran=Peran.OPERATOR_OPD, opd=opd).exists()
        or Keanggotaan.objects.filter(user=user, peran=Peran.ADMIN_PEMDA, pemda=opd.pemda).exists()
    )


@login_required
def narasi(request, slug: str, tahun: int):
    opd = akses.opd(request.user, slug)
    boleh = dapat_menyunting(request.user, opd)
    keys = list(KUNCI_NARASI.items()) + [
        (f"analisis:{s.kode}", f"Analisis Sasaran {s.kode}: {s.uraian}")
        for s in Sasaran.objects.filter(
            tujuan__renstra__opd=opd,
            tujuan__renstra__tahun_awal__lte=tahun,
            tujuan__renstra__tahun_akhir__gte=tahun,
        ).order_by("tujuan__urutan", "urutan")
    ]
    current = {x.kunci: x.teks for x in Narasi.objects.filter(opd=opd, tahun=tahun)}
    errors: dict[str, str] = {}
    if request.method == "POST":
        if not boleh:
            raise PermissionDenied(
                "Hanya Operator OPD atau Admin Pemda yang dapat menyunting narasi."
            )
        values = {k: request.POST.get(k, "").replace("\r\n", "\n").strip() for k, _ in keys}
        for k, label in keys:
            if len(values[k]) > MAKS:
                errors[k] = (
                    f"{label}: paling banyak {MAKS:,} karakter (tertulis {len(values[k]):,}).".replace(
                        ",", "."
                    )
                )
        if not errors:
            with transaction.atomic():
                for k, text in values.items():
                    if text:
                        Narasi.objects.update_or_create(
                            opd=opd,
                            tahun=tahun,
                            kunci=k,
                            defaults={"teks": text, "diubah_oleh": request.user},
                        )
                    else:
                        Narasi.objects.filter(opd=opd, tahun=tahun, kunci=k).delete()
            messages.success(
                request,
                "Narasi disimpan. Bagian yang dikosongkan akan disusun otomatis sebagai draf.",
            )
            return redirect("web:narasi", slug=slug, tahun=tahun)
        current = values
    fields = [
        {"kunci": k, "label": label, "teks": current.get(k, ""), "galat": errors.get(k)}
        for k, label in keys
    ]
    return render(
        request, "web/narasi.html", {"opd": opd, "tahun": tahun, "fields": fields, "boleh": boleh}
    )
