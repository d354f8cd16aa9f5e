"""Peta alamat teratas: halaman aplikasi, API, admin, berkas statis."""

from django.contrib import admin
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path

from sakip.api import api

admin.site.site_header = "Administrasi sakip"
admin.site.site_title = "sakip"
admin.site.index_title = "Data SAKIP"


def sehat(request):
    """Pemeriksaan hidup untuk penyeimbang beban: tanpa sesi, tanpa kueri basis data.
    Juga pembanding "tampilan Django minimal" pada uji beban (bench/bench_beban.py)."""
    return HttpResponse("ok", content_type="text/plain")


def favicon(request):
    """``/favicon.ico`` yang diminta setiap peramban: alihkan ke ikon statis. Tanpa ini permintaan
    itu menjadi halaman 404 utuh yang memasang cookie CSRF baru di tengah pengisian formulir."""
    return HttpResponsePermanentRedirect(static("sakip/favicon.ico"))


urlpatterns = [
    path("sehat/", sehat, name="sehat"),
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("sakip.web.urls")),
]
