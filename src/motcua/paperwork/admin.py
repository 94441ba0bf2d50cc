from django.contrib import admin

from motcua.paperwork.models import LookupToken


@admin.register(LookupToken)
class LookupTokenAdmin(admin.ModelAdmin):
    list_display = ["dossier", "created_at"]
    search_fields = ["dossier__code"]
    raw_id_fields = ["dossier"]
    readonly_fields = ["token", "created_at"]
