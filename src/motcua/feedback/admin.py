from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from motcua.core.admin_labels import FieldLabels
from motcua.feedback.models import Feedback, Rating, RatingScore


class RatingScoreInline(FieldLabels, admin.TabularInline):
    model = RatingScore
    field_labels = {"question": _("câu hỏi"), "score": _("điểm"), "rating": _("phiếu đánh giá")}
    extra = 0
    readonly_fields = ["question", "score"]
    can_delete = False


@admin.register(Rating)
class RatingAdmin(FieldLabels, admin.ModelAdmin):
    field_labels = {"dossier": _("hồ sơ"), "agency": _("cơ quan"), "created_at": _("đánh giá lúc")}
    list_display = ["dossier", "agency", "channel", "created_at"]
    list_filter = ["channel"]
    search_fields = ["dossier__code"]
    raw_id_fields = ["dossier", "agency"]
    inlines = [RatingScoreInline]


@admin.register(Feedback)
class FeedbackAdmin(FieldLabels, admin.ModelAdmin):
    field_labels = {
        "created_at": _("gửi lúc"),
        "dossier": _("hồ sơ"),
        "sender": _("người gửi"),
        "answered_by": _("người trả lời"),
        "answered_at": _("trả lời lúc"),
        "published_at": _("công khai lúc"),
    }
    list_display = ["code", "kind", "subject", "agency", "status", "is_public", "created_at"]
    list_filter = ["kind", "status", "is_public"]
    search_fields = ["code", "subject"]
    raw_id_fields = ["agency", "dossier", "sender", "answered_by"]
