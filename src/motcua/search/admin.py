from django.contrib import admin

from motcua.search.models import Synonym


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    """Từ đồng nghĩa: the administrators keep the everyday words people search with."""

    list_display = ["phrase", "meaning", "field", "is_active", "from_lexicon", "updated_at"]
    list_editable = ["meaning", "is_active"]
    list_filter = ["is_active", "from_lexicon", "field"]
    search_fields = ["phrase", "meaning", "field"]

    def save_model(self, request, obj, form, change):
        # Changed by hand: the administrator's now, no longer replaced when the lexicon changes.
        obj.from_lexicon = False
        super().save_model(request, obj, form, change)
