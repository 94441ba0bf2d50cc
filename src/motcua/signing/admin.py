from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from motcua.core.admin_labels import FieldLabels
from motcua.core.admin_widgets import StoredFileInput
from motcua.core.downloads import download_response
from motcua.core.errors import ValidationFailed
from motcua.signing import docx_templates, services
from motcua.signing.models import ResultDocument, ResultTemplate, SigningKey

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class ResultTemplateForm(forms.ModelForm):
    class Meta:
        model = ResultTemplate
        fields = ["procedure", "kind", "name", "docx", "needs_seal", "is_active"]
        widgets = {"docx": StoredFileInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["docx"].widget.link = reverse(
                "admin:signing_resulttemplate_docx", args=[self.instance.pk]
            )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("docx")
        if upload and hasattr(upload, "read"):
            procedure = cleaned.get("procedure")
            try:
                cleaned["placeholders"] = docx_templates.check_placeholders(
                    upload.read(), form_schema=procedure.form_schema if procedure else None
                )
            except ValidationFailed as exc:
                raise forms.ValidationError({"docx": exc.fields.get("docx") or [str(exc.message)]}) from None
            upload.seek(0)
        return cleaned

    def save(self, commit=True):
        self.instance.placeholders = self.cleaned_data.get("placeholders", self.instance.placeholders)
        return super().save(commit)


@admin.register(ResultTemplate)
class ResultTemplateAdmin(FieldLabels, admin.ModelAdmin):
    field_labels = {
        "procedure": _("thủ tục"),
        "uploaded_at": _("tải lên lúc"),
        "uploaded_by": _("người tải lên"),
    }
    form = ResultTemplateForm
    list_display = ["name", "procedure", "kind", "needs_seal", "is_active", "uploaded_at"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "procedure__code", "procedure__name"]
    raw_id_fields = ["procedure"]
    readonly_fields = ["placeholders"]
    actions = ["preview"]

    def get_urls(self):
        docx = path(
            "<int:pk>/docx/", self.admin_site.admin_view(self.docx), name="signing_resulttemplate_docx"
        )
        return [docx, *super().get_urls()]

    def docx(self, request, pk: int):
        """The template as uploaded, to edit in Word and upload again."""
        template = get_object_or_404(ResultTemplate, pk=pk)
        if not self.has_view_permission(request, template):
            raise PermissionDenied
        name = f"{slugify(template.name) or 'mau'}-{template.pk}.docx"
        return download_response(template.docx.open("rb"), filename=name, content_type=DOCX)

    @admin.action(description=_("Xem trước (PDF, điền giá trị mẫu)"))
    def preview(self, request, queryset):
        template = queryset.first()
        try:
            pdf = services.preview_template(template)
        except Exception as exc:  # noqa: BLE001 - shown to the administrator as it is
            self.message_user(request, str(exc), messages.ERROR)
            return None
        return download_response(
            pdf, filename=f"xem-truoc-{template.pk}.pdf", content_type="application/pdf", inline=True
        )


@admin.register(SigningKey)
class SigningKeyAdmin(FieldLabels, admin.ModelAdmin):
    field_labels = {"official": _("cán bộ"), "agency": _("cơ quan (con dấu)"), "created_at": _("tạo lúc")}
    list_display = ["subject", "official", "agency", "provider", "not_after", "is_active"]
    list_filter = ["provider", "is_active"]
    search_fields = ["subject"]
    readonly_fields = [
        "subject",
        "not_after",
        "certificate_pem",
        "provider",
        "token_label",
        "key_label",
        "created_at",
    ]
    exclude = ["pkcs12"]

    def has_add_permission(self, request):
        return False  # keys are registered with `motcua manage register_signing_key` (the PIN never passes the admin)


@admin.register(ResultDocument)
class ResultDocumentAdmin(FieldLabels, admin.ModelAdmin):
    field_labels = {
        "dossier": _("hồ sơ"),
        "template": _("mẫu"),
        "draft_pdf": _("dự thảo (PDF)"),
        "signed_pdf": _("văn bản đã ký (PDF)"),
        "sha256": _("mã băm SHA-256"),
        "signers": _("người ký"),
        "problem": _("lỗi khi dựng"),
        "signed_at": _("ký lúc"),
        "token": _("mã xác thực"),
    }
    list_display = ["title", "dossier", "kind", "state", "signed_at"]
    list_filter = ["state", "kind"]
    search_fields = ["dossier__code", "title", "token"]
    raw_id_fields = ["dossier", "template"]
    readonly_fields = ["token", "sha256", "signers", "problem", "signed_at", "state"]

    def has_delete_permission(self, request, obj=None):
        return False
