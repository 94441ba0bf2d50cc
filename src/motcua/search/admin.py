from django.contrib import admin

from motcua.search.models import Synonym


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    """Từ đồng nghĩa: the administrators keep the everyday words people search with."""

    list_display = ["phrase", "meaning", "is_active", "updated_at"]
    list_editable = ["meaning", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["phrase", "meaning"]
