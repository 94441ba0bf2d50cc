from django.contrib import admin

from motcua.documents.models import Attachment, StoredFile


@admin.register(StoredFile)
class StoredFileAdmin(admin.ModelAdmin):
    list_display = ["sha256", "kind", "size", "created_at"]
    search_fields = ["sha256"]
    readonly_fields = ["sha256", "size", "kind", "name", "created_at"]


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["dossier", "filename", "component_name", "stage", "uploaded_at"]
    list_filter = ["stage"]
    search_fields = ["dossier__code", "filename"]
    raw_id_fields = ["dossier", "component", "file", "uploaded_by"]
    readonly_fields = ["uuid"]
