from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from motcua.catalogue.models import DocumentComponent, Fee, Field, Procedure, ProcessStep
from motcua.core.admin_labels import FieldLabels
from motcua.core.admin_widgets import StoredFileInput
from motcua.core.calendar import TimeUnit

TIME_UNITS = {TimeUnit.WORKING_DAY: _("ngày làm việc"), TimeUnit.WORKING_HOUR: _("giờ làm việc")}


class FeeInline(FieldLabels, admin.TabularInline):
    model = Fee
    field_labels = {"order": _("thứ tự"), "procedure": _("thủ tục")}
    extra = 0


class DocumentForm(forms.ModelForm):
    class Meta:
        model = DocumentComponent
        fields = ["order", "name", "originals", "copies", "mandatory", "form_name", "form_file"]
        widgets = {"form_file": StoredFileInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The portal's blank-form page serves the stored file (or draws the form when it is missing).
        if self.instance.pk and "form_file" in self.fields:
            self.fields["form_file"].widget.link = reverse(
                "portal:blank-form", args=[self.instance.procedure.code, self.instance.pk]
            )


class DocumentInline(FieldLabels, admin.TabularInline):
    model = DocumentComponent
    form = DocumentForm
    field_labels = {"order": _("thứ tự")}
    extra = 0
    fields = ["order", "name", "originals", "copies", "mandatory", "form_name", "form_file"]


class StepInline(FieldLabels, admin.TabularInline):
    model = ProcessStep
    field_labels = {"order": _("thứ tự"), "agency": _("cơ quan thực hiện")}
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
        "processing_time",
        "is_active",
    ]
    list_filter = ["online_level", "levels", "is_active", "has_full_sheet", "field"]
    search_fields = ["code", "name"]
    filter_horizontal = ["agencies", "levels"]
    inlines = [FeeInline, DocumentInline, StepInline]
    list_select_related = ["field"]

    @admin.display(description=_("thời hạn giải quyết"), ordering="processing_time_amount")
    def processing_time(self, procedure):
        if procedure.processing_time_amount is None:
            return procedure.processing_time_note or self.get_empty_value_display()
        amount = f"{procedure.processing_time_amount:g}".replace(".", ",")
        return f"{amount} {TIME_UNITS.get(procedure.processing_time_unit, procedure.processing_time_unit)}"

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "processing_time_unit":
            # The model's choices are the code names; the admin offers the words.
            kwargs["choices"] = list(TIME_UNITS.items())
        return super().formfield_for_choice_field(db_field, request, **kwargs)


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]
