"""Admin Pemda, Perangkat Daerah, urusan dan peran pengguna."""

from django.contrib import admin

from .models import Jabatan, Keanggotaan, Pemda, PerangkatDaerah, TokenApi, Urusan


@admin.register(Pemda)
class PemdaAdmin(admin.ModelAdmin):
    list_display = ["nama", "jenis", "provinsi", "metode_turun"]
    list_filter = ["jenis", "provinsi"]
    search_fields = ["nama", "slug"]
    prepopulated_fields = {"slug": ["nama"]}


@admin.register(Urusan)
class UrusanAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "induk"]
    search_fields = ["kode", "nama"]


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(admin.ModelAdmin):
    list_display = ["nama", "singkatan", "pemda", "kepala_nama"]
    list_filter = ["pemda"]
    search_fields = ["nama", "singkatan", "slug"]
    filter_horizontal = ["urusan"]


@admin.register(Keanggotaan)
class KeanggotaanAdmin(admin.ModelAdmin):
    list_display = ["user", "peran", "pemda", "opd"]
    list_filter = ["peran", "pemda"]
    autocomplete_fields = ["opd"]


@admin.register(TokenApi)
class TokenApiAdmin(admin.ModelAdmin):
    list_display = ["awalan", "nama", "user", "aktif", "dibuat", "terakhir_dipakai"]
    readonly_fields = ["sidik", "awalan", "dibuat", "terakhir_dipakai"]


@admin.register(Jabatan)
class JabatanAdmin(admin.ModelAdmin):
    list_display = ("nama", "opd", "jenis", "atasan", "pemegang_nama")
    list_filter = ("opd", "jenis")
