from django.contrib import admin
from django.urls import include, path

from sakip.api import api

admin.site.site_header = "Administrasi sakip"
admin.site.site_title = "sakip"
admin.site.index_title = "Data SAKIP"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("sakip.web.urls")),
]
