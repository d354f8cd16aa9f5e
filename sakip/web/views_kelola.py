"""Halaman Kelola Pemda: OPD dan akun anggota (Admin Pemda)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from sakip import akses
from sakip.akses import Aksi
from sakip.organisations import services
from sakip.organisations.models import Jabatan, Keanggotaan, Peran


@login_required
def kelola(request, slug: str):
    pemda = akses.pemda(request.user, slug, Aksi.KELOLA)
    galat, form = {}, ""
    if request.method == "POST":
        form = request.POST.get("form", "")
        try:
            if form == "opd":
                o = services.tambah_opd(
                    request.user,
                    pemda,
                    request.POST.get("nama", ""),
                    request.POST.get("slug", ""),
                    request.POST.get("singkatan", ""),
                )
                messages.success(request, f"Perangkat Daerah “{o.nama}” ditambahkan.")
            elif form == "pengguna":
                u = services.tambah_pengguna(
                    request.user,
                    pemda,
                    request.POST.get("username", ""),
                    request.POST.get("password", ""),
                    request.POST.get("peran", ""),
                    request.POST.get("opd", ""),
                    request.POST.get("jabatan", ""),
                )
                messages.success(request, f"Pengguna “{u.username}” ditambahkan.")
            elif form == "sandi":
                u = services.setel_ulang_sandi(
                    request.user, pemda, request.POST.get("akun"), request.POST.get("sandi", "")
                )
                messages.success(request, f"Kata sandi “{u.username}” disetel ulang.")
            elif form == "2fa":
                u = services.setel_ulang_faktor_kedua(request.user, pemda, request.POST.get("akun"))
                messages.success(
                    request,
                    f"Masuk dua langkah “{u.username}” disetel ulang; pada masuk berikutnya ia "
                    "mendaftarkan aplikasi autentikator lagi.",
                )
            else:
                raise PermissionDenied("Formulir tidak dikenal.")
            return redirect("web:kelola", slug=slug)
        except services.KelolaError as exc:
            galat = exc.galat
    return render(
        request,
        "web/kelola.html",
        {
            "pemda": pemda,
            "opd_list": pemda.opd.order_by("nama"),
            "galat": galat,
            "form": form,
            "post": request.POST,
            "anggota": Keanggotaan.objects.filter(pemda=pemda)
            .select_related("user", "opd", "jabatan")
            .order_by("peran", "user__username"),
            "peran_choices": Peran.choices,
            "jabatan_list": Jabatan.objects.filter(opd__pemda=pemda)
            .select_related("opd")
            .order_by("opd__nama", "urutan", "kode"),
            "akun": services.akun_pemda(pemda, request.user),
            "jejak_keamanan": services.jejak_keamanan(pemda),
            "akun_galat": request.POST.get("akun", ""),
        },
    )
