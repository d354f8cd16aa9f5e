"""Admin Django untuk RPJMD."""

from django.contrib import admin

from .models import RPJMD, IndikatorRPJMD, ProgramRPJMD, SasaranRPJMD, TujuanRPJMD


@admin.register(RPJMD)
class RPJMDAdmin(admin.ModelAdmin):
    list_display = ("__str__", "pemda", "versi", "status")
    list_filter = ("pemda",)


admin.site.register([TujuanRPJMD, SasaranRPJMD, IndikatorRPJMD, ProgramRPJMD])
