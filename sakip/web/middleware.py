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
