"""Kode aplikasi autentikator untuk tes: dihitung dari kunci perangkat TOTP seperti ponsel menghitungnya."""

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def kode_totp(device: TOTPDevice, langkah: int = 0) -> str:
    """Kode 6 angka saat ini (``langkah`` > 0: kode jendela waktu berikutnya, masih dalam toleransi)."""
    device.refresh_from_db()
    value = totp(
        device.bin_key,
        step=device.step,
        t0=device.t0,
        digits=device.digits,
        drift=device.drift + langkah,
    )
    return f"{value:0{device.digits}d}"


def daftar_2fa(client, username: str) -> list[str]:
    """Daftarkan aplikasi autentikator untuk pengguna yang sedang masuk di ``client``; kode pemulihan."""
    import re

    page = client.get("/akun/2fa/")
    assert page.status_code == 200, page.status_code
    device = TOTPDevice.objects.get(user__username=username, confirmed=False)
    resp = client.post("/akun/2fa/", {"aksi": "daftar", "token": kode_totp(device)})
    assert resp.status_code == 200
    return re.findall(r"<li><code>(\w+)</code></li>", resp.content.decode())
