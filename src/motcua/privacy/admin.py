"""Administrators record consents and handle erasure requests in the admin (through the services)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from motcua.core.admin_labels import FieldLabels
from motcua.core.errors import DomainError
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import OPEN_STATUSES
from motcua.privacy import services
from motcua.privacy.models import Consent, ErasureRequest


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ("user", "purpose", "given", "at", "recorded_by")
    list_filter = ("given",)
    search_fields = ("user__username", "user__full_name", "purpose")
    fields = ("user", "purpose", "given", "note")
    autocomplete_fields = ("user",)

    def has_change_permission(self, request, obj=None):
        return False  # a consent changes by a new record, never by editing the old one

    def save_model(self, request, obj, form, change):
        saved = services.record_consent(
            by=request.user, user=obj.user, purpose=obj.purpose, given=obj.given, note=obj.note
        )
        obj.pk, obj.at, obj.recorded_by = saved.pk, saved.at, saved.recorded_by


class ErasureForm(forms.ModelForm):
    class Meta:
        model = ErasureRequest
        fields = ("user", "reason")

    def clean(self):
        cleaned = super().clean()
        user = cleaned.get("user")
        if user is not None:
            open_codes = list(
                Dossier.objects.filter(applicant=user, status__in=OPEN_STATUSES).values_list(
                    "code", flat=True
                )
            )
            if open_codes:
                raise ValidationError(
                    _("Chưa xóa được: còn hồ sơ đang giải quyết (%(codes)s). Hồ sơ phải kết thúc trước."),
                    params={"codes": ", ".join(open_codes[:5])},
                )
        return cleaned


@admin.register(ErasureRequest)
class ErasureRequestAdmin(FieldLabels, admin.ModelAdmin):
    field_labels = {"user": _("tài khoản"), "at": _("yêu cầu lúc"), "handled_by": _("người xử lý")}
    form = ErasureForm
    list_display = ("reference", "outcome", "at", "handled_by")
    readonly_fields = ("reference", "outcome", "at", "handled_by", "archived_dossiers")
    autocomplete_fields = ("user",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            done = services.handle_erasure(by=request.user, user=obj.user, reason=obj.reason)
        except DomainError as exc:  # checked in the form already; a race lands here
            raise ValidationError(str(exc.message)) from exc
        obj.pk = done.pk
        obj.__dict__.update({k: v for k, v in done.__dict__.items() if not k.startswith("_")})
