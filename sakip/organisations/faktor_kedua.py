"""Masuk dua langkah (TOTP dari aplikasi autentikator + kode pemulihan sekali pakai) di atas django-otp.

Siapa yang wajib: ``permissions.wajib_faktor_kedua``. Setiap langkah di sini satu transaksi dan
tercatat di jejak audit (``audit.catat_keamanan``).
"""

from __future__ import annotations

import base64
import io

from django.db import transaction
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image

from sakip.audit.models import JejakAudit, catat_keamanan

JUMLAH_KODE_PEMULIHAN = 10
NAMA_TOTP = "Aplikasi autentikator"
NAMA_PEMULIHAN = "Kode pemulihan"


def punya_faktor_kedua(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def perangkat_pendaftaran(user) -> TOTPDevice:
    """Perangkat TOTP yang belum dikonfirmasi untuk pendaftaran (dibuat bila belum ada)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=NAMA_TOTP, confirmed=False)
    return device


def kode_qr(device: TOTPDevice) -> str:
    """Kode QR (SVG sebagai data URI) berisi alamat otpauth:// untuk dipindai aplikasi autentikator."""
    out = io.BytesIO()
    write_qrcode_image(device.config_url, out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


def kunci_teks(device: TOTPDevice) -> str:
    """Kunci rahasia dalam base32, dikelompokkan 4 huruf, untuk diketik bila kamera tidak ada."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def _token(value: str) -> str:
    return "".join(str(value or "").split()).lower()


def _kode_baru(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name=NAMA_PEMULIHAN, confirmed=True)
    codes = []
    for _ in range(JUMLAH_KODE_PEMULIHAN):
        code = StaticToken.random_token()
        StaticToken.objects.create(device=static, token=code)
        codes.append(code)
    return codes


@transaction.atomic
def konfirmasi_pendaftaran(request, token: str) -> list[str] | None:
    """Periksa kode pertama dari aplikasi; bila cocok: perangkat aktif, sesi terverifikasi, dan
    kembalikan kode pemulihan baru (ditampilkan sekali). ``None`` bila kode salah."""
    user = request.user
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).last()
    if device is None or not device.verify_token(_token(token)):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save()
    codes = _kode_baru(user)
    otp_login(request, device)
    catat_keamanan(user, user, JejakAudit.Aksi.DAFTAR_2FA, "aplikasi autentikator didaftarkan")
    return codes


@transaction.atomic
def verifikasi(request, token: str):
    """Langkah kedua saat masuk: kode aplikasi atau kode pemulihan. Perangkat yang cocok, atau None."""
    device = match_token(request.user, _token(token))
    if device is None:
        return None
    otp_login(request, device)
    if isinstance(device, StaticDevice):
        sisa = device.token_set.count()
        catat_keamanan(
            request.user,
            request.user,
            JejakAudit.Aksi.PAKAI_KODE,
            f"masuk dengan kode pemulihan; sisa {sisa} kode",
        )
    return device


def tertahan_sampai(user):
    """Waktu (aware) sampai percobaan kode boleh lagi setelah beberapa kode salah, atau None."""
    from django_otp import devices_for_user

    batas = []
    for d in devices_for_user(user, confirmed=None):
        if hasattr(d, "verify_is_allowed"):
            ok, data = d.verify_is_allowed()
            if not ok and data and data.get("locked_until"):
                batas.append(data["locked_until"])
    return min(batas) if batas else None


def sisa_kode_pemulihan(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


@transaction.atomic
def buat_kode_pemulihan_baru(user) -> list[str]:
    codes = _kode_baru(user)
    catat_keamanan(user, user, JejakAudit.Aksi.KODE_2FA, "kode pemulihan lama tidak berlaku lagi")
    return codes


@transaction.atomic
def lepas(oleh, akun, reset: bool = False) -> int:
    """Hapus semua perangkat masuk dua langkah akun (oleh pemiliknya, atau disetel ulang admin)."""
    n = TOTPDevice.objects.filter(user=akun).delete()[0]
    n += StaticDevice.objects.filter(user=akun).delete()[0]
    if reset:
        catat_keamanan(oleh, akun, JejakAudit.Aksi.RESET_2FA, f"disetel ulang oleh {oleh.username}")
    else:
        catat_keamanan(oleh, akun, JejakAudit.Aksi.LEPAS_2FA, "dilepas oleh pemiliknya")
    return n
