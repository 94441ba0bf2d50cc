from django.contrib import admin

from motcua.catalogue.models import DocumentComponent, Fee, Field, Procedure, ProcessStep


class FeeInline(admin.TabularInline):
    model = Fee
    extra = 0


class DocumentInline(admin.TabularInline):
    model = DocumentComponent
    extra = 0
    fields = ["order", "name", "originals", "copies", "mandatory", "form_name", "form_file"]


class StepInline(admin.TabularInline):
    model = ProcessStep
    extra = 0
    fields = ["order", "name", "role", "target", "agency", "duration_minutes"]
    autocomplete_fields = ["agency"]


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "field",
        "online_level",
        "processing_time_amount",
        "processing_time_unit",
        "is_active",
    ]
    list_filter = ["online_level", "levels", "is_active", "has_full_sheet", "field"]
    search_fields = ["code", "name"]
    filter_horizontal = ["agencies", "levels"]
    inlines = [FeeInline, DocumentInline, StepInline]
    list_select_related = ["field"]


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]
