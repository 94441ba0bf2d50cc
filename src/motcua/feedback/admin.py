from django.contrib import admin

from motcua.feedback.models import Feedback, Rating, RatingScore


class RatingScoreInline(admin.TabularInline):
    model = RatingScore
    extra = 0
    readonly_fields = ["question", "score"]
    can_delete = False


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["dossier", "agency", "channel", "created_at"]
    list_filter = ["channel"]
    search_fields = ["dossier__code"]
    raw_id_fields = ["dossier", "agency"]
    inlines = [RatingScoreInline]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["code", "kind", "subject", "agency", "status", "is_public", "created_at"]
    list_filter = ["kind", "status", "is_public"]
    search_fields = ["code", "subject"]
    raw_id_fields = ["agency", "dossier", "sender", "answered_by"]
