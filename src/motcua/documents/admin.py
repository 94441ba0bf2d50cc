from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from motcua.core.admin_labels import FieldLabels
from motcua.documents.models import Attachment, StoredFile


@admin.register(StoredFile)
class StoredFileAdmin(FieldLabels, admin.ModelAdmin):
    field_labels = {"sha256": _("mã băm SHA-256"), "created_at": _("lưu lúc")}
    list_display = ["sha256", "kind", "size", "created_at"]
    search_fields = ["sha256"]
    readonly_fields = ["sha256", "size", "kind", "name", "created_at"]


@admin.register(Attachment)
class AttachmentAdmin(FieldLabels, admin.ModelAdmin):
    field_labels = {
        "dossier": _("hồ sơ"),
        "file": _("tệp lưu trữ"),
        "uploaded_at": _("tải lên lúc"),
        "uploaded_by": _("người tải lên"),
        "uuid": _("mã tệp"),
    }
    list_display = ["dossier", "filename", "component_name", "stage", "uploaded_at"]
    list_filter = ["stage"]
    search_fields = ["dossier__code", "filename"]
    raw_id_fields = ["dossier", "component", "file", "uploaded_by"]
    readonly_fields = ["uuid"]
