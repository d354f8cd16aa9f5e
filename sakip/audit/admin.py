"""Admin jejak audit: hanya baca (tidak ada tambah, ubah, hapus)."""

from django.contrib import admin

from .models import JejakAudit


@admin.register(JejakAudit)
class JejakAuditAdmin(admin.ModelAdmin):
    """Hanya baca: jejak audit tidak dapat diubah atau dihapus dari aplikasi."""

    list_display = ["waktu", "user", "aksi", "model", "objek"]
    list_filter = ["aksi", "model"]
    search_fields = ["objek", "objek_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
