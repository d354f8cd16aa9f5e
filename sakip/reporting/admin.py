from django.contrib import admin

from .models import Narasi


@admin.register(Narasi)
class NarasiAdmin(admin.ModelAdmin):
    list_display = ["opd", "tahun", "kunci", "diubah_pada"]
    list_filter = ["opd", "tahun", "kunci"]
