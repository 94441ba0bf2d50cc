from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from motcua.core.admin_labels import FieldLabels
from motcua.search.models import Synonym


@admin.register(Synonym)
class SynonymAdmin(FieldLabels, admin.ModelAdmin):
    """Từ đồng nghĩa: the administrators keep the everyday words people search with."""

    list_display = ["phrase", "meaning", "is_active", "updated_at"]
    field_labels = {"updated_at": _("cập nhật lúc")}
    list_editable = ["meaning", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["phrase", "meaning"]
