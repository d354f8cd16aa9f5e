"""Backend autentikasi: pembatas percobaan masuk (django-axes) hanya untuk login web, dan pemuatan
pengguna per permintaan dalam satu kueri."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as _ModelBackend
from django.db.models import Exists, OuterRef

from sakip.audit import tanda


def alamat_klien(request) -> str:
    """Alamat klien sebuah permintaan, satu aturan untuk pembatas percobaan masuk dan jejak audit.

    Tanpa proksi: ``REMOTE_ADDR``. Di belakang reverse proxy (nginx) setiap permintaan datang dari
    alamat proksi, jadi pembatas akan mengunci akun bagi *semua* orang; bila ``REMOTE_ADDR`` termasuk
    ``SAKIP_PROXY_TEPERCAYA`` (pengaturan, daftar alamat dipisah koma), alamat klien adalah alamat
    paling kanan di ``X-Forwarded-For`` yang bukan proksi tepercaya (bagian kiri header itu ditulis
    klien sendiri dan tidak dipercaya). Header dari alamat yang tidak tepercaya diabaikan."""
    import ipaddress

    from django.conf import settings

    jauh = (request.META.get("REMOTE_ADDR") or "").strip()
    tepercaya = getattr(settings, "SAKIP_PROXY_TEPERCAYA", ())
    if not tepercaya or jauh not in tepercaya:
        return jauh
    for alamat in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        alamat = alamat.strip()
        if not alamat or alamat in tepercaya:
            continue
        try:
            return str(ipaddress.ip_address(alamat))
        except ValueError:
            return jauh  # header rusak: jangan percaya bagian kirinya
    return jauh


class AxesBackend(AxesStandaloneBackend):
    """Pembatas percobaan masuk untuk login lewat web. Autentikasi tanpa permintaan HTTP
    (perintah, uji) dilewatkan ke backend berikutnya."""

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class ModelBackend(_ModelBackend):
    """``ModelBackend`` Django; pengguna sesi dimuat bersama tanda "punya aplikasi autentikator"
    (dibaca penjaga langkah kedua pada setiap permintaan), satu kueri bukan dua. Dengan tembolok
    bersama jaringan: dari tembolok, beserta keanggotaannya (:mod:`sakip.organisations.sesi`)."""

    def get_user(self, user_id):
        from .sesi import pengguna_tembolok

        user = pengguna_tembolok(user_id, self._muat)
        return user if user is not None and self.user_can_authenticate(user) else None

    def _muat(self, user_id):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from .permissions import _memberships

        user_model = get_user_model()
        try:
            user = user_model._default_manager.annotate(
                sakip_punya_2fa=Exists(
                    TOTPDevice.objects.filter(user_id=OuterRef("pk"), confirmed=True)
                )
            ).get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        user._sakip_punya_2fa = user.sakip_punya_2fa
        if tanda.aktif():
            # dari tembolok, pengguna dibawa bersama keanggotaannya (tanpa kueri per permintaan)
            _memberships(user)
        return user
