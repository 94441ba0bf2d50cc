"""Result templates, signing keys and the signed electronic results (kết quả điện tử)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalogue.models import Procedure
from motcua.dossiers.models import Dossier
from motcua.org.models import Agency, Official


def _token() -> str:
    return secrets.token_urlsafe(18)


class ResultTemplate(models.Model):
    """Mẫu kết quả: a Word (.docx) document with ``{{ placeholders }}``, as officials author them."""

    class Kind(models.TextChoices):
        RESULT = "result", _("Kết quả giải quyết")
        REFUSAL = "refusal", _("Văn bản từ chối giải quyết")
        APOLOGY = "apology", _("Phiếu xin lỗi và hẹn lại")

    procedure = models.ForeignKey(
        Procedure, null=True, blank=True, on_delete=models.CASCADE, related_name="result_templates"
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.RESULT)
    name = models.CharField(_("tên mẫu"), max_length=255)
    docx = models.FileField(_("tệp Word (.docx)"), upload_to="templates/")
    placeholders = models.JSONField(_("các trường thay thế"), default=list, blank=True)
    needs_seal = models.BooleanField(_("đóng dấu cơ quan sau chữ ký lãnh đạo"), default=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["procedure", "kind", "-uploaded_at"]
        verbose_name = _("mẫu kết quả")
        verbose_name_plural = _("mẫu kết quả")

    def __str__(self):
        return self.name


class SigningKey(models.Model):
    """A signing key: an official's personal certificate, or an agency's seal (con dấu điện tử).

    PKCS#12 keys are kept encrypted by their own PIN; the signer types the PIN each time.
    A PKCS#11 key lives on a token (USB token, HSM) and never leaves it. An *unattended*
    key (an agency seal applied automatically after the leader's signature) keeps its PIN
    encrypted with the site's secret key.
    """

    class Provider(models.TextChoices):
        PKCS12 = "pkcs12", _("Tệp PKCS#12")
        PKCS11 = "pkcs11", _("Thiết bị PKCS#11 (USB token, HSM)")

    official = models.ForeignKey(
        Official, null=True, blank=True, on_delete=models.CASCADE, related_name="signing_keys"
    )
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.CASCADE, related_name="seal_keys"
    )
    provider = models.CharField(
        _("loại khóa"), max_length=10, choices=Provider.choices, default=Provider.PKCS12
    )
    pkcs12 = models.BinaryField(_("tệp PKCS#12"), null=True, blank=True)
    token_label = models.CharField(_("nhãn token"), max_length=100, blank=True)
    key_label = models.CharField(_("nhãn khóa"), max_length=100, blank=True)
    certificate_pem = models.TextField(_("chứng thư số (PEM)"))
    subject = models.CharField(_("chủ thể"), max_length=500)
    not_after = models.DateTimeField(_("hiệu lực đến"))
    unattended_pin = models.BinaryField(null=True, blank=True, editable=False)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("khóa ký số")
        verbose_name_plural = _("khóa ký số")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(official__isnull=False) | models.Q(agency__isnull=False),
                name="signing_key_has_holder",
            )
        ]

    def __str__(self):
        return self.subject


class ResultDocument(models.Model):
    """Kết quả điện tử: the rendered result of a dossier, then signed; its QR code opens its verification page."""

    class State(models.TextChoices):
        RENDERING = "rendering", _("Đang dựng")
        DRAFT = "draft", _("Dự thảo")
        SIGNED = "signed", _("Đã ký số")
        FAILED = "failed", _("Lỗi tạo kết quả")

    token = models.CharField(max_length=40, unique=True, default=_token, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="results")
    template = models.ForeignKey(ResultTemplate, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(_("loại"), max_length=10, choices=ResultTemplate.Kind.choices)
    title = models.CharField(_("tên văn bản"), max_length=255)
    state = models.CharField(_("tình trạng"), max_length=10, choices=State.choices, default=State.DRAFT)
    draft_pdf = models.FileField(upload_to="results/drafts/", blank=True)
    signed_pdf = models.FileField(upload_to="results/signed/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    signers = models.JSONField(default=list, blank=True)
    problem = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("kết quả điện tử")
        verbose_name_plural = _("kết quả điện tử")

    def __str__(self):
        return f"{self.title} — {self.dossier}"
