"""Admin nilai tercetak dan temuan reviu."""

from django.contrib import admin

from .models import NilaiTercetak, TemuanReviu


@admin.register(NilaiTercetak)
class NilaiTercetakAdmin(admin.ModelAdmin):
    list_display = ["lokasi", "objek", "atribut", "periode", "teks", "opd", "tahun"]
    list_filter = ["opd", "tahun", "lokasi"]
    search_fields = ["objek", "teks", "catatan"]


@admin.register(TemuanReviu)
class TemuanReviuAdmin(admin.ModelAdmin):
    list_display = ["aturan", "tingkat", "objek", "status", "masih_berlaku", "opd", "tahun"]
    list_filter = ["tingkat", "status", "masih_berlaku", "opd", "tahun"]
    search_fields = ["objek", "pesan"]
    readonly_fields = ["sidik"]
