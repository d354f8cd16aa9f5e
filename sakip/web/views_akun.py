"""Halaman akun: masuk dua langkah (pendaftaran, verifikasi, kode pemulihan)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from sakip.organisations import faktor_kedua
from sakip.organisations.permissions import peran_wajib_faktor_kedua, wajib_faktor_kedua

# Jeda sesudah kode salah (django-otp: 1, 2, 4, 8 … detik) yang pantas disebut kepada pengguna;
# jeda sesingkat itu sesudah satu salah ketik bukan "terlalu banyak kode salah".
JEDA_DISEBUT = 10


def _pesan_salah(request, dasar: str, tertahan_sebelum) -> str:
    """Pesan sesudah kode ditolak. ``tertahan_sebelum``: batas jeda yang sudah berlaku *sebelum*
    kode ini dikirim (kodenya tidak diperiksa sama sekali), atau None."""
    if tertahan_sebelum is not None:
        return (
            "Terlalu banyak kode salah; kode ini belum diperiksa. Tunggu sampai pukul "
            f"{timezone.localtime(tertahan_sebelum):%H:%M:%S}, lalu ketik kode yang sedang tampil."
        )
    sampai = faktor_kedua.tertahan_sampai(request.user)
    if sampai is not None and (sampai - timezone.now()).total_seconds() >= JEDA_DISEBUT:
        return (
            f"{dasar} Karena sudah beberapa kali salah, percobaan berikutnya baru diterima pukul "
            f"{timezone.localtime(sampai):%H:%M:%S}."
        )
    return dasar


def _next(request) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        return "/"
    return nxt


@login_required
def akun_2fa(request):
    user = request.user
    aktif = faktor_kedua.punya_faktor_kedua(user)
    ctx = {
        "aktif": aktif,
        "wajib": wajib_faktor_kedua(user) and peran_wajib_faktor_kedua(user),
        "next": _next(request),
    }
    if aktif and not user.is_verified():
        return redirect(f"/akun/2fa/verifikasi/?next={ctx['next']}")
    if request.method == "POST":
        aksi = request.POST.get("aksi", "")
        if aksi == "daftar" and not aktif:
            tertahan = faktor_kedua.tertahan_sampai(user)
            codes = faktor_kedua.konfirmasi_pendaftaran(request, request.POST.get("token", ""))
            if codes is not None:
                return render(
                    request, "web/akun_2fa_kode.html", {"kode": codes, "next": ctx["next"]}
                )
            ctx["galat"] = _pesan_salah(
                request,
                "Kode salah, coba lagi: ketik 6 angka yang sedang tampil di aplikasi autentikator "
                "(periksa juga jam ponsel dan komputer).",
                tertahan,
            )
        elif aksi == "kode-baru" and aktif:
            codes = faktor_kedua.buat_kode_pemulihan_baru(user)
            return render(request, "web/akun_2fa_kode.html", {"kode": codes, "next": "/akun/2fa/"})
        elif aksi == "lepas" and aktif:
            if ctx["wajib"]:
                ctx["galat"] = "Peran Anda wajib masuk dua langkah; tidak dapat dilepas."
            else:
                faktor_kedua.lepas(user, user)
                messages.success(request, "Masuk dua langkah dilepas dari akun Anda.")
                return redirect("web:akun_2fa")
    if not aktif:
        device = faktor_kedua.perangkat_pendaftaran(user)
        ctx["qr"] = faktor_kedua.kode_qr(device)
        ctx["kunci"] = faktor_kedua.kunci_teks(device)
    else:
        ctx["sisa"] = faktor_kedua.sisa_kode_pemulihan(user)
    return render(request, "web/akun_2fa.html", ctx)


@login_required
def verifikasi_2fa(request):
    if not faktor_kedua.punya_faktor_kedua(request.user):
        return redirect(f"/akun/2fa/?next={_next(request)}")
    if request.user.is_verified():
        return redirect(_next(request))
    galat = ""
    if request.method == "POST":
        tertahan = faktor_kedua.tertahan_sampai(request.user)
        device = faktor_kedua.verifikasi(request, request.POST.get("token", ""))
        if device is not None:
            if device.__class__.__name__ == "StaticDevice":
                sisa = faktor_kedua.sisa_kode_pemulihan(request.user)
                messages.warning(
                    request,
                    f"Anda masuk dengan kode pemulihan; sisa {sisa} kode. Buat kode baru di "
                    "halaman Akun bila hampir habis.",
                )
            return redirect(_next(request))
        galat = _pesan_salah(
            request,
            "Kode salah atau sudah dipakai, coba lagi: ketik kode yang sedang tampil di aplikasi, "
            "atau salah satu kode pemulihan.",
            tertahan,
        )
    return render(request, "web/verifikasi_2fa.html", {"galat": galat, "next": _next(request)})


def csrf_gagal(request, reason: str = ""):
    """Halaman saat pemeriksaan CSRF menolak formulir (``CSRF_FAILURE_VIEW``): bahasa pengguna,
    tanpa istilah teknis, dengan jalan kembali ke formulir (halaman asal bila dari alamat ini)."""
    from django.middleware.csrf import REASON_NO_CSRF_COOKIE

    asal = request.META.get("HTTP_REFERER", "")
    if not asal or not url_has_allowed_host_and_scheme(asal, allowed_hosts={request.get_host()}):
        asal = "/"
    konteks = {"kembali": asal, "tanpa_kuki": reason == REASON_NO_CSRF_COOKIE}
    return render(request, "403_csrf.html", konteks, status=403)
