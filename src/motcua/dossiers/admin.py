from django.contrib import admin

from motcua.dossiers.models import Apology, Dossier, DossierEvent


class DossierEventInline(admin.TabularInline):
    model = DossierEvent
    extra = 0
    can_delete = False
    fields = ["seq", "at", "kind", "from_status", "to_status", "actor_name", "agency", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "procedure",
        "applicant_name",
        "status",
        "receiving_agency",
        "submitted_at",
        "due_at",
    ]
    list_filter = ["status", "channel", "receiving_agency"]
    search_fields = ["code", "applicant_name", "applicant_id_number"]
    list_select_related = ["procedure", "receiving_agency"]
    raw_id_fields = ["procedure", "applicant", "received_by"]
    inlines = [DossierEventInline]
    readonly_fields = [
        "uuid",
        "code",
        "status",
        "submitted_at",
        "received_at",
        "due_at",
        "paused_at",
        "remaining_minutes",
        "finished_at",
        "returned_at",
        "closed_at",
        "last_event_seq",
    ]

    def has_delete_permission(self, request, obj=None):
        return False  # nothing a user submitted is ever lost


@admin.register(Apology)
class ApologyAdmin(admin.ModelAdmin):
    list_display = ["dossier", "previous_due_at", "new_due_at", "official", "at"]
    raw_id_fields = ["dossier"]
