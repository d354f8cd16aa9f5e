from django.urls import path

from . import views

app_name = "web"

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("opd/<slug:slug>/<int:tahun>/", views.opd_tahun, name="opd_tahun"),
]
