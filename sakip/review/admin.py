from django.contrib import admin

from .models import NilaiTercetak


@admin.register(NilaiTercetak)
class NilaiTercetakAdmin(admin.ModelAdmin):
    list_display = ["lokasi", "objek", "atribut", "periode", "teks", "opd", "tahun"]
    list_filter = ["opd", "tahun", "lokasi"]
    search_fields = ["objek", "teks", "catatan"]
