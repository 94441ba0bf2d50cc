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
    doc_type = models.CharField(
        _("chữ viết tắt tên loại văn bản"),
        max_length=10,
        blank=True,
        help_text=_("Như QĐ, GCN, TB: đứng đầu ký hiệu văn bản (Số: 12/QĐ-UBND) và tách sổ đăng ký số."),
    )
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


class SignerPosition(models.Model):
    """Chức vụ và thẩm quyền ký: how an official signs an agency's documents (Decree 30/2020,
    Appendix I, II.7: the authority line "TM."/"KT."/"TL."/"TUQ.", then the signer's position).

    The chair of a commune People's Committee signs "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", a vice-chair
    "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"; a department's director "GIÁM ĐỐC", a deputy "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC".
    """

    class Authority(models.TextChoices):
        OWN = "", _("Người đứng đầu ký (không ghi quyền hạn)")
        ON_BEHALF_OF_HEAD = "KT.", _("KT. — cấp phó ký thay người đứng đầu")
        BY_ORDER = "TL.", _("TL. — ký thừa lệnh người đứng đầu")
        BY_DELEGATION = "TUQ.", _("TUQ. — ký thừa ủy quyền người đứng đầu")

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="signer_positions")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="signer_positions")
    position = models.CharField(_("chức vụ người ký"), max_length=120, help_text=_("Như “Phó Chủ tịch”."))
    authority = models.CharField(
        _("quyền hạn ký"), max_length=5, choices=Authority.choices, default=Authority.OWN, blank=True
    )
    head_title = models.CharField(
        _("chức vụ người đứng đầu"),
        max_length=120,
        blank=True,
        help_text=_("Người được ký thay, thừa lệnh, thừa ủy quyền: như “Chủ tịch”, “Giám đốc”."),
    )
    collective = models.CharField(
        _("thay mặt tập thể"),
        max_length=200,
        blank=True,
        help_text=_(
            "Cơ quan làm việc theo chế độ tập thể: như “Ủy ban nhân dân” (dòng “TM. ỦY BAN NHÂN DÂN”)."
        ),
    )

    class Meta:
        verbose_name = _("chức vụ ký")
        verbose_name_plural = _("chức vụ ký")
        constraints = [
            models.UniqueConstraint(fields=["official", "agency"], name="signer_position_unique"),
        ]

    def __str__(self):
        return " / ".join(self.lines())

    def lines(self) -> list[str]:
        """The lines above the signature, in capitals as the decree prints them."""
        lines = [f"TM. {self.collective}"] if self.collective else []
        if self.authority:
            lines.append(f"{self.authority} {self.head_title}")
        lines.append(self.position)
        return [line.upper() for line in lines]


class DocumentRegister(models.Model):
    """Sổ đăng ký văn bản đi: the numbers an agency has issued in a year, for one type of document.

    Numbers run from 01 on 1 January; one is taken when the leader signs (not at draft time), in the
    signing transaction, so a failed signature leaves no gap.
    """

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="document_registers")
    doc_type = models.CharField(_("loại văn bản (viết tắt)"), max_length=10, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"))
    last_number = models.PositiveIntegerField(_("số đã cấp gần nhất"), default=0)

    class Meta:
        verbose_name = _("sổ đăng ký văn bản")
        verbose_name_plural = _("sổ đăng ký văn bản")
        constraints = [
            models.UniqueConstraint(fields=["agency", "doc_type", "year"], name="document_register_unique"),
        ]

    def __str__(self):
        return f"{self.agency} — {self.doc_type or '—'} — {self.year}"


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
    signer = models.ForeignKey(
        Official,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người ký"),
    )
    # Where the issuing details go on the draft's pages (number, date, signature), found by the renderer.
    layout = models.JSONField(default=dict, blank=True, editable=False)
    register = models.ForeignKey(
        DocumentRegister, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    number = models.PositiveIntegerField(_("số văn bản"), null=True, blank=True)
    symbol = models.CharField(_("ký hiệu văn bản"), max_length=40, blank=True)
    problem = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("kết quả điện tử")
        verbose_name_plural = _("kết quả điện tử")
        constraints = [
            models.UniqueConstraint(fields=["register", "number"], name="result_number_unique"),
        ]

    def __str__(self):
        return f"{self.title} — {self.dossier}"

    @property
    def number_and_symbol(self) -> str:
        """“12/QĐ-UBND”: numbers under 10 take a leading zero (Decree 30/2020, Appendix I)."""
        return f"{self.number:02d}/{self.symbol}" if self.number else ""
