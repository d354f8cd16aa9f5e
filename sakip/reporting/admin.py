"""Admin narasi dan persetujuan LKjIP."""

from django.contrib import admin

from .models import Narasi, PersetujuanLkjip


@admin.register(Narasi)
class NarasiAdmin(admin.ModelAdmin):
    list_display = ["opd", "tahun", "kunci", "diubah_pada"]
    list_filter = ["opd", "tahun", "kunci"]


@admin.register(PersetujuanLkjip)
class PersetujuanLkjipAdmin(admin.ModelAdmin):
    list_display = ["opd", "tahun", "status", "diajukan_pada", "diputuskan_pada"]
    list_filter = ["status", "tahun"]
