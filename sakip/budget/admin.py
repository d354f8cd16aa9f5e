"""Admin pagu dan realisasi anggaran."""

from django.contrib import admin

from .models import Anggaran


@admin.register(Anggaran)
class AnggaranAdmin(admin.ModelAdmin):
    list_display = ["__str__", "tahun", "triwulan", "pagu", "realisasi"]
    list_filter = ["tahun", "opd"]
    raw_id_fields = ["kegiatan", "sub_kegiatan"]
