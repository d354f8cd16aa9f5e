"""Middleware web: Content-Security-Policy tanpa skrip sebaris, penolakan karakter NUL."""

from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Menambahkan header Content-Security-Policy (tanpa skrip sebaris) pada setiap respons."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/admin/") and not request.path.startswith("/api/docs"):
            response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class TolakNulMiddleware:
    """Menolak permintaan yang memuat karakter NUL (\\x00) di alamat, parameter, isian formulir atau
    badan JSON: tidak ada isian sah yang memuatnya, dan PostgreSQL menolak menyimpannya (tanpa
    penjaga ini menjadi galat 500). Jawabannya 400 dengan pesan Indonesia."""

    PESAN = "Permintaan memuat karakter NUL (\\x00) yang tidak sah; periksa isian lalu kirim lagi."

    def __init__(self, get_response):
        self.get_response = get_response

    def _ada_nul(self, request) -> bool:
        if "\x00" in request.path:
            return True
        for v in request.GET.values():
            if "\x00" in v:
                return True
        ctype = request.content_type or ""
        if request.method in ("POST", "PUT", "PATCH"):
            if ctype.startswith("application/json"):
                body = request.body
                return b"\x00" in body or b"\\u0000" in body
            if ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
                return any("\x00" in k or "\x00" in v for k, v in request.POST.items())
        return False

    def __call__(self, request):
        try:
            ada = self._ada_nul(request)
        except Exception:  # noqa: BLE001 — badan rusak: biarkan penanganan biasa yang menolak
            ada = False
        if ada:
            from django.http import HttpResponse, JsonResponse

            if request.path.startswith("/api/"):
                # 422 seperti setiap permintaan lain yang bentuknya tidak sah (diumumkan di OpenAPI)
                return JsonResponse(
                    {"detail": self.PESAN, "galat": {"isi permintaan": "memuat karakter NUL"}},
                    status=422,
                )
            return HttpResponse(self.PESAN, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
