"""Menyimpan pengguna permintaan yang sedang berjalan agar jejak audit tahu siapa yang mengubah."""

import threading

_local = threading.local()


def current_user():
    return getattr(_local, "user", None)


class CurrentUserMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _local.user = (
            request.user
            if getattr(request, "user", None) and request.user.is_authenticated
            else None
        )
        try:
            return self.get_response(request)
        finally:
            _local.user = None


class acting_as:
    """Konteks untuk perintah/layanan di luar permintaan web: ``with acting_as(user): ...``."""

    def __init__(self, user):
        self.user = user

    def __enter__(self):
        self.prev = getattr(_local, "user", None)
        _local.user = self.user

    def __exit__(self, *exc):
        _local.user = self.prev


def keterangan():
    return getattr(_local, "keterangan", "")


class keterangan_audit:
    """Keterangan untuk jejak audit yang ditulis di dalam konteks ini (mis. "PK: Setujui")."""

    def __init__(self, teks: str):
        self.teks = teks

    def __enter__(self):
        self.prev = getattr(_local, "keterangan", "")
        _local.keterangan = self.teks[:255]

    def __exit__(self, *exc):
        _local.keterangan = self.prev
