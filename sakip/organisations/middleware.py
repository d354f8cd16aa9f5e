"""Penjaga sesi: berakhir setelah tidak aktif, dan langkah kedua sebelum halaman peran penting."""

from __future__ import annotations

import time
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware as _OTPMiddleware

from .permissions import wajib_faktor_kedua

BEBAS = ("/masuk/", "/keluar/", "/akun/2fa/", "/static/", "/sehat/")


def catat_aktif_saat_masuk(sender, request, user, **kwargs):
    """Waktu aktif dicatat sejak masuk, agar permintaan pertama tidak perlu menulis sesi lagi."""
    if request is not None and hasattr(request, "session"):
        request.session["_aktif"] = int(time.time())


def _htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _halaman(request) -> str:
    """Halaman tempat pengguna berada: untuk potongan HTMX, halaman yang memuatnya."""
    if _htmx(request):
        asal = request.headers.get("HX-Current-URL", "")
        host = request.get_host()
        for awal in (f"http://{host}", f"https://{host}"):
            if asal.startswith(awal):
                return asal[len(awal) :] or "/"
        return "/"
    return request.get_full_path()


class SesiTidakAktifMiddleware:
    """Sesi yang tidak dipakai lebih dari ``SAKIP_SESI_TIDAK_AKTIF`` detik berakhir (keluar otomatis).

    Waktu aktivitas terakhir disimpan paling sering sekali per menit, agar tidak setiap permintaan
    menulis sesi.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get("_aktif")
            batas = settings.SAKIP_SESI_TIDAK_AKTIF
            if last is not None and now - last > batas:
                logout(request)
                if request.path.startswith("/api/"):
                    return JsonResponse(
                        {
                            "detail": "Sesi berakhir karena tidak aktif; silakan masuk lagi.",
                            "galat": {},
                        },
                        status=401,
                    )
                tujuan = f"{settings.LOGIN_URL}?next={quote(_halaman(request))}&habis=1"
                if _htmx(request):
                    # Potongan halaman (HTMX) tidak boleh menerima halaman masuk di dalamnya:
                    # seluruh halaman yang pindah ke halaman masuk.
                    jawab = HttpResponse(status=204)
                    jawab["HX-Redirect"] = tujuan
                    return jawab
                return redirect(tujuan)
            if last is None or now - last >= 60:
                request.session["_aktif"] = now
        return self.get_response(request)


class FaktorKeduaMiddleware:
    """Pengguna yang wajib masuk dua langkah tidak mencapai halaman apa pun (atau API lewat sesi)
    sebelum langkah kedua selesai; yang belum mendaftar diarahkan ke pendaftaran."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(BEBAS)
            and not user.is_verified()
            and wajib_faktor_kedua(user)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {
                        "detail": "Akun ini wajib masuk dua langkah: selesaikan langkah kedua di "
                        "/akun/2fa/verifikasi/ atau pakai token API.",
                        "galat": {},
                    },
                    status=403,
                )
            if _htmx(request):
                # Potongan (mis. lencana pemberitahuan) di halaman pendaftaran langkah kedua:
                # tidak ada isi, agar halaman itu tidak tersisipi salinan dirinya.
                return HttpResponse(status=204)
            from .faktor_kedua import punya_faktor_kedua

            tujuan = "/akun/2fa/verifikasi/" if punya_faktor_kedua(user) else "/akun/2fa/"
            return redirect(f"{tujuan}?next={quote(request.get_full_path())}")
        return self.get_response(request)


class OTPMiddleware(_OTPMiddleware):
    """``django_otp.middleware.OTPMiddleware`` yang, dengan tembolok bersama jaringan, membaca perangkat
    langkah kedua sesi ini dari tembolok di bawah tanda pengguna (diganti setiap perangkatnya
    disimpan atau dihapus): halaman pengguna yang sudah masuk dua langkah tetap tanpa kueri."""

    def _verify_user_sync(self, request, user):
        self._init_user_fields(user)
        if user.is_authenticated:
            persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
            device = self._perangkat(user, persistent_id) if persistent_id else None
            user.otp_device = self._finalize_device(request, user, device)
        return user

    def _perangkat(self, user, persistent_id: str):
        from django.core.cache import cache

        from sakip.audit.tanda import UMUR

        tok = getattr(user, "_sakip_tanda", None)
        if tok is None:
            return self._device_from_persistent_id(persistent_id)
        kunci = f"otp:{user.pk}:{tok}:{persistent_id}"
        device = cache.get(kunci)
        if device is None:
            device = self._device_from_persistent_id(persistent_id)
            if device is not None:
                cache.set(kunci, device, UMUR)  # sama dengan umur tanda pengguna
        return device
