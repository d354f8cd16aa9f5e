"""Admin Renstra, nomenklatur program/kegiatan, Perjanjian Kinerja dan Rencana Aksi."""

from django.contrib import admin

from .models import (
    Indikator,
    Kegiatan,
    PerjanjianKinerja,
    PKAnggaran,
    PKIndikator,
    Program,
    RencanaAksi,
    Renstra,
    Sasaran,
    SubKegiatan,
    TahunKinerja,
    TargetIndikator,
    Tujuan,
)


@admin.register(TahunKinerja)
class TahunKinerjaAdmin(admin.ModelAdmin):
    list_display = ["opd", "tahun", "penandatangan_nama", "tanggal"]
    list_filter = ["tahun", "opd__pemda"]


class TujuanInline(admin.TabularInline):
    model = Tujuan
    extra = 0


@admin.register(Renstra)
class RenstraAdmin(admin.ModelAdmin):
    list_display = ["opd", "tahun_awal", "tahun_akhir", "nama"]
    list_filter = ["opd__pemda"]
    inlines = [TujuanInline]


class SasaranInline(admin.TabularInline):
    model = Sasaran
    extra = 0


@admin.register(Tujuan)
class TujuanAdmin(admin.ModelAdmin):
    list_display = ["kode", "uraian", "renstra"]
    inlines = [SasaranInline]


@admin.register(Sasaran)
class SasaranAdmin(admin.ModelAdmin):
    list_display = ["kode", "uraian", "tujuan"]
    search_fields = ["uraian"]


class KegiatanInline(admin.TabularInline):
    model = Kegiatan
    extra = 0
    fields = ["kode", "nama", "sasaran"]


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "opd", "bidang_urusan"]
    list_filter = ["opd__pemda", "opd"]
    search_fields = ["kode", "nama"]
    filter_horizontal = ["sasaran"]
    inlines = [KegiatanInline]


class SubKegiatanInline(admin.TabularInline):
    model = SubKegiatan
    extra = 0


@admin.register(Kegiatan)
class KegiatanAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "program"]
    list_filter = ["program__opd"]
    search_fields = ["kode", "nama"]
    inlines = [SubKegiatanInline]


@admin.register(SubKegiatan)
class SubKegiatanAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "kegiatan"]
    list_filter = ["kegiatan__program__opd"]
    search_fields = ["kode", "nama"]


class TargetInline(admin.TabularInline):
    model = TargetIndikator
    extra = 0


@admin.register(Indikator)
class IndikatorAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "satuan", "iku", "polaritas", "opd"]
    list_filter = ["opd", "iku", "polaritas"]
    search_fields = ["kode", "nama"]
    inlines = [TargetInline]
    raw_id_fields = ["tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan"]


@admin.register(TargetIndikator)
class TargetIndikatorAdmin(admin.ModelAdmin):
    list_display = ["indikator", "tahun", "nilai", "nilai_atas"]
    list_filter = ["tahun", "indikator__opd"]


class PKIndikatorInline(admin.TabularInline):
    model = PKIndikator
    extra = 0


class PKAnggaranInline(admin.TabularInline):
    model = PKAnggaran
    extra = 0


@admin.register(PerjanjianKinerja)
class PerjanjianKinerjaAdmin(admin.ModelAdmin):
    list_display = ["__str__", "tahun", "versi", "jenis", "status"]
    list_filter = ["tahun", "jenis", "status", "opd"]
    inlines = [PKIndikatorInline, PKAnggaranInline]


class RencanaAksiInline(admin.TabularInline):
    model = RencanaAksi
    extra = 0


@admin.register(PKIndikator)
class PKIndikatorAdmin(admin.ModelAdmin):
    list_display = ["perjanjian", "indikator", "target", "target_atas"]
    inlines = [RencanaAksiInline]


@admin.register(PKAnggaran)
class PKAnggaranAdmin(admin.ModelAdmin):
    list_display = ["perjanjian", "program", "pagu"]


@admin.register(RencanaAksi)
class RencanaAksiAdmin(admin.ModelAdmin):
    list_display = ["pk_indikator", "triwulan", "target"]
