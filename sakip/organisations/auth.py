"""Backend autentikasi: pembatas percobaan masuk (django-axes) hanya untuk login web."""

from axes.backends import AxesStandaloneBackend


class AxesBackend(AxesStandaloneBackend):
    """Pembatas percobaan masuk untuk login lewat web. Autentikasi tanpa permintaan HTTP
    (perintah, uji) dilewatkan ke backend berikutnya."""

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
