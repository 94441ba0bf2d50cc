"""Identity: citizens (by personal identification number), businesses (by tax code), officials."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person or organisation who signs in. Applicants sign in with their
    personal identification number (CCCD) or tax code as the username."""

    class Kind(models.TextChoices):
        CITIZEN = "citizen", _("Công dân")
        BUSINESS = "business", _("Tổ chức, doanh nghiệp")
        OFFICIAL = "official", _("Cán bộ")

    kind = models.CharField(_("loại tài khoản"), max_length=10, choices=Kind.choices, default=Kind.CITIZEN)
    full_name = models.CharField(_("họ và tên / tên tổ chức"), max_length=255, blank=True)
    personal_id = models.CharField(
        _("số định danh cá nhân"), max_length=12, null=True, blank=True, unique=True
    )
    tax_code = models.CharField(_("mã số thuế"), max_length=14, null=True, blank=True, unique=True)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    is_male = models.BooleanField(_("giới tính nam"), null=True, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")

    def __str__(self):
        return self.full_name or self.username

    @property
    def is_applicant(self) -> bool:
        return self.kind in (self.Kind.CITIZEN, self.Kind.BUSINESS)

    @property
    def identity_number(self) -> str:
        return self.personal_id or self.tax_code or ""


def _new_secret() -> str:
    import secrets

    return secrets.token_hex(16)


class Activation(models.Model):
    """Kích hoạt tài khoản: how an applicant registered at the counter (who has no password) sets one.

    The receipt's QR code and the number printed on it are not enough: whoever finds
    a lost receipt holds both. A second factor is needed: a one-time code sent to the
    phone or e-mail given at the counter, or, where none was given, the activation code
    printed on the applicant's receipt together with the birth date (which the receipt
    does not show). The printed code is derived from ``secret`` and the site's secret
    key, so the database alone does not reveal it. Activation expires, and wrong
    attempts lock it (the counter can open a new one).
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="activation")
    secret = models.CharField(max_length=32, default=_new_secret)
    created_at = models.DateTimeField(_("mở lúc"))
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    failed_attempts = models.PositiveSmallIntegerField(_("số lần nhập sai"), default=0)
    codes_sent = models.PositiveSmallIntegerField(_("số mã đã gửi"), default=0)
    code_digest = models.CharField(max_length=64, blank=True)
    code_sent_at = models.DateTimeField(null=True, blank=True)
    code_expires_at = models.DateTimeField(null=True, blank=True)
    activated_at = models.DateTimeField(_("kích hoạt lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("kích hoạt tài khoản")
        verbose_name_plural = _("kích hoạt tài khoản")

    def __str__(self):
        return str(self.user)


class KnownDevice(models.Model):
    """A browser an official has signed in from (thiết bị đã dùng): a sign-in from any other one
    is an unusual sign-in the official and the audit log are told about. The browser keeps a random
    cookie; the table keeps only a keyed hash of it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="known_devices")
    digest = models.CharField(max_length=64)
    user_agent = models.CharField(_("trình duyệt"), max_length=255, blank=True)
    first_seen = models.DateTimeField(_("lần đầu"))
    last_seen = models.DateTimeField(_("lần gần nhất"))

    class Meta:
        verbose_name = _("thiết bị đã đăng nhập")
        verbose_name_plural = _("thiết bị đã đăng nhập")
        constraints = [models.UniqueConstraint(fields=["user", "digest"], name="known_device_once")]

    def __str__(self):
        return self.user_agent or self.digest[:8]


class ExternalIdentity(models.Model):
    """Định danh điện tử liên kết: an identity at an OpenID Connect provider (the national identity)
    linked to an account, with what the provider vouched for at the last sign-in (verified data a
    form may use without asking the population database again)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="external_identities")
    issuer = models.CharField(_("nhà cung cấp định danh"), max_length=255)
    subject = models.CharField(_("mã định danh tại nhà cung cấp"), max_length=255)
    claims = models.JSONField(_("dữ liệu đã xác thực"), default=dict, blank=True)
    verified_at = models.DateTimeField(_("xác thực lúc"))

    class Meta:
        verbose_name = _("định danh điện tử liên kết")
        verbose_name_plural = _("định danh điện tử liên kết")
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="external_identity_once")]

    def __str__(self):
        return f"{self.user} @ {self.issuer}"
