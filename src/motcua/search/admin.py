import csv

from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _

from motcua.core.admin_labels import FieldLabels
from motcua.core.downloads import download_response
from motcua.search.models import QuestionStat, Synonym


@admin.register(Synonym)
class SynonymAdmin(FieldLabels, admin.ModelAdmin):
    """Từ đồng nghĩa: the administrators keep the everyday words people search with."""

    list_display = ["phrase", "meaning", "field", "is_active", "from_lexicon", "updated_at"]
    field_labels = {"updated_at": _("cập nhật lúc")}
    list_editable = ["meaning", "is_active"]
    list_filter = ["is_active", "from_lexicon", "field"]
    search_fields = ["phrase", "meaning", "field"]

    def save_model(self, request, obj, form, change):
        # Changed by hand: the administrator's now, no longer replaced when the lexicon changes.
        obj.from_lexicon = False
        super().save_model(request, obj, form, change)


class OutcomeFilter(admin.SimpleListFilter):
    title = _("kết quả")
    parameter_name = "ket-qua"

    def lookups(self, request, model_admin):
        return [
            ("none", _("không có kết quả")),
            ("no-click", _("không mở thủ tục nào")),
            ("corrected", _("có từ được sửa")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(no_result__gt=0)
        if self.value() == "no-click":
            return queryset.filter(clicks=0, no_result=0)
        if self.value() == "corrected":
            return queryset.exclude(corrected="")
        return queryset


@admin.register(QuestionStat)
class QuestionStatAdmin(admin.ModelAdmin):
    """Thống kê tìm kiếm: per week, what was asked, found nothing, led nowhere, was corrected
    — read-only, exported as CSV with the filters of the list."""

    list_display = ["week", "channel", "question", "searches", "no_result", "clicks", "corrected"]
    list_filter = [OutcomeFilter, "channel", "week"]
    date_hierarchy = "week"
    search_fields = ["question", "corrected"]
    ordering = ["-week", "-searches"]
    change_list_template = "admin/search/questionstat/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        csv_view = self.admin_site.admin_view(self.export_csv)
        return [path("csv/", csv_view, name="search_questionstat_csv"), *super().get_urls()]

    def export_csv(self, request):
        """The rows of the list as filtered (week, channel, outcome, search), as CSV."""
        if not self.has_view_permission(request):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        rows = self.get_changelist_instance(request).get_queryset(request)
        response = download_response(
            b"", filename="thong-ke-tim-kiem.csv", content_type="text/csv; charset=utf-8"
        )
        response.write("\ufeff")  # so that spreadsheet programs read the Vietnamese as UTF-8
        writer = csv.writer(response)
        writer.writerow(["tuan", "kenh", "cau_hoi", "so_lan_hoi", "khong_ket_qua", "mo_thu_tuc", "tu_da_sua"])
        for row in rows.iterator():
            question = row.question
            if question[:1] in ("=", "+", "-", "@"):  # not a formula when opened in a spreadsheet
                question = "'" + question
            writer.writerow(
                [
                    row.week.isoformat(),
                    row.channel,
                    question,
                    row.searches,
                    row.no_result,
                    row.clicks,
                    row.corrected,
                ]
            )
        return response
