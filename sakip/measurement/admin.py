"""Admin realisasi, seri data pembanding dan persetujuan triwulan."""

from django.contrib import admin

from .models import (
    BuktiDukung,
    KoreksiRealisasi,
    NilaiSeri,
    PersetujuanRealisasi,
    Realisasi,
    SeriData,
)


@admin.register(Realisasi)
class RealisasiAdmin(admin.ModelAdmin):
    list_display = ["indikator", "tahun", "periode", "nilai", "pembilang", "penyebut"]
    list_filter = ["tahun", "periode", "indikator__opd"]
    search_fields = ["indikator__nama", "indikator__kode"]
    raw_id_fields = ["indikator"]


class NilaiSeriInline(admin.TabularInline):
    model = NilaiSeri
    extra = 0


@admin.register(SeriData)
class SeriDataAdmin(admin.ModelAdmin):
    list_display = ["nama", "opd", "satuan", "sumber"]
    list_filter = ["opd"]
    inlines = [NilaiSeriInline]


@admin.register(NilaiSeri)
class NilaiSeriAdmin(admin.ModelAdmin):
    list_display = ["seri", "wilayah", "tahun", "nilai"]
    list_filter = ["seri"]


@admin.register(BuktiDukung)
class BuktiDukungAdmin(admin.ModelAdmin):
    list_display = [
        "nama",
        "jenis",
        "ukuran",
        "realisasi",
        "diunggah_oleh",
        "diunggah_pada",
        "aktif",
    ]
    raw_id_fields = ["realisasi", "diganti_oleh"]


@admin.register(PersetujuanRealisasi)
class PersetujuanRealisasiAdmin(admin.ModelAdmin):
    list_display = ["opd", "tahun", "triwulan", "status"]
    list_filter = ["status", "tahun", "triwulan"]


@admin.register(KoreksiRealisasi)
class KoreksiRealisasiAdmin(admin.ModelAdmin):
    list_display = ["realisasi", "oleh", "pada"]
    readonly_fields = ["nilai_lama", "nilai_baru", "alasan", "oleh", "pada", "realisasi"]
