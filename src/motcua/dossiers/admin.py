from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from motcua.core.admin_labels import FieldLabels
from motcua.dossiers.event_kinds import event_kind_label
from motcua.dossiers.models import Apology, Dossier, DossierEvent


class DossierEventInline(FieldLabels, admin.TabularInline):
    model = DossierEvent
    extra = 0
    can_delete = False
    fields = ["seq", "at", "event", "from_status", "to_status", "actor_name", "agency", "note"]
    readonly_fields = fields
    field_labels = {
        "seq": _("STT"),
        "at": _("thời điểm"),
        "from_status": _("từ trạng thái"),
        "to_status": _("sang trạng thái"),
        "actor_name": _("người thực hiện"),
        "agency": _("cơ quan"),
        "note": _("ghi chú"),
    }

    @admin.display(description=_("sự kiện"))
    def event(self, event):
        return event_kind_label(event.kind)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Dossier)
class DossierAdmin(FieldLabels, admin.ModelAdmin):
    field_labels = {
        "procedure": _("thủ tục"),
        "applicant": _("tài khoản người nộp"),
        "created_at": _("tạo lúc"),
        "received_by": _("cán bộ tiếp nhận"),
        "resume_status": _("trạng thái khi tính tiếp thời gian"),
        "uuid": _("mã định danh (UUID)"),
        "last_event_seq": _("số dòng lịch sử"),
    }
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
class ApologyAdmin(FieldLabels, admin.ModelAdmin):
    field_labels = {
        "dossier": _("hồ sơ"),
        "previous_due_at": _("ngày hẹn cũ"),
        "new_due_at": _("ngày hẹn mới"),
        "reason": _("lý do"),
        "official": _("cán bộ"),
        "at": _("lập lúc"),
    }
    list_display = ["dossier", "previous_due_at", "new_due_at", "official", "at"]
    raw_id_fields = ["dossier"]
