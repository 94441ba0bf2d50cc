"""Identity: citizens (by personal identification number), businesses (by tax code), officials."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device


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


class Passkey(Device):
    """Khóa truy cập (WebAuthn passkey): a second factor an official adds beside the authenticator app
    (``accounts.passkeys``). A django-otp device, so a session verified by it counts like one verified by
    a code; the public key and the authenticator's signature counter are kept, never a secret."""

    credential_id = models.CharField(max_length=1400, unique=True)  # base64url, as browsers send it
    credential_data = models.BinaryField()  # fido2's AttestedCredentialData: AAGUID, id, COSE public key
    sign_count = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(_("thêm lúc"))
    last_used_at = models.DateTimeField(_("dùng gần nhất"), null=True, blank=True)

    class Meta:
        verbose_name = _("khóa truy cập")
        verbose_name_plural = _("khóa truy cập")

    def verify_token(self, token):
        return False  # a passkey answers a challenge (accounts.passkeys), it has no code to type


class SecurityNotice(models.Model):
    """Cảnh báo bảo mật: an unusual sign-in the official is told about in the back office (beside the
    e-mail and the audit entry, ``accounts.alerts``) until they mark it seen. The words are made when it
    is shown, in the reader's language, from ``kind`` and ``detail``."""

    class Kind(models.TextChoices):
        NEW_DEVICE = "new_device", _("Đăng nhập từ thiết bị mới")
        MANY_FAILURES = "many_failures", _("Nhiều lần đăng nhập sai")
        PASSKEY_COUNTER = "passkey_counter", _("Khóa truy cập có dấu hiệu bị sao chép")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="security_notices")
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    detail = models.JSONField(_("chi tiết"), default=dict, blank=True)
    created_at = models.DateTimeField(_("lúc"))
    seen_at = models.DateTimeField(_("đã xem lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("cảnh báo bảo mật")
        verbose_name_plural = _("cảnh báo bảo mật")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "seen_at"], name="security_notice_unseen")]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.user}"


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


class VerifiedContact(models.Model):
    """Địa chỉ liên hệ đã xác minh: an e-mail address or phone number its owner proved by typing the
    code sent to it. Only a verified address receives a password-reset code; changing the address
    on the account leaves the new one unverified (the row names the old one)."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("Thư điện tử")
        SMS = "sms", _("Điện thoại")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="verified_contacts")
    channel = models.CharField(max_length=5, choices=Channel.choices)
    address = models.CharField(max_length=254)
    verified_at = models.DateTimeField(_("xác minh lúc"))

    class Meta:
        verbose_name = _("địa chỉ liên hệ đã xác minh")
        verbose_name_plural = _("địa chỉ liên hệ đã xác minh")
        constraints = [
            models.UniqueConstraint(fields=["user", "channel"], name="verified_contact_per_channel")
        ]

    def __str__(self):
        return self.address


class OneTimeCode(models.Model):
    """A 6-digit code sent to an address (mã xác nhận): to reset a password, or to verify the address.
    Kept as a keyed hash; expires; a few wrong tries use it up."""

    class Purpose(models.TextChoices):
        RESET = "reset", _("Đặt lại mật khẩu")
        VERIFY = "verify", _("Xác minh địa chỉ liên hệ")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="one_time_codes")
    purpose = models.CharField(max_length=6, choices=Purpose.choices)
    channel = models.CharField(max_length=5)
    address = models.CharField(max_length=254)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(db_index=True)
    expires_at = models.DateTimeField()
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("mã xác nhận")
        verbose_name_plural = _("mã xác nhận")

    def __str__(self):
        return f"{self.purpose} → {self.address}"


class DataFetch(models.Model):
    """Lần lấy dữ liệu: one read of a citizen's data from a national database (or given by the national
    identity at sign-in), with the purpose and the moment of consent (Decree 13/2023). Shown in the
    citizen's personal-data download."""

    class Source(models.TextChoices):
        POPULATION = "population", _("Cơ sở dữ liệu quốc gia về dân cư")
        NATIONAL_IDENTITY = "national_identity", _("Định danh điện tử")
        BUSINESS_REGISTRY = "business_registry", _("Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp")
        LAND = "land", _("Cơ sở dữ liệu quốc gia về đất đai")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="data_fetches")
    source = models.CharField(_("nguồn"), max_length=20, choices=Source.choices)
    purpose = models.CharField(_("mục đích"), max_length=100)
    fields = models.JSONField(_("dữ liệu đã lấy"), default=list)
    consented_at = models.DateTimeField(_("đồng ý lúc"))
    fetched_at = models.DateTimeField(_("lấy lúc"))

    class Meta:
        verbose_name = _("lần lấy dữ liệu")
        verbose_name_plural = _("lần lấy dữ liệu")

    def __str__(self):
        return f"{self.user} ← {self.source}"


class VerifiedFormData(models.Model):
    """Values of a dossier's e-form that came verified from a national source: the applicant cannot
    change them, the official sees where and when they were verified. The dossier is named by its
    reference (accounts sit below dossiers)."""

    dossier_reference = models.UUIDField(_("hồ sơ"), unique=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="verified_form_data")
    source = models.CharField(_("nguồn"), max_length=20, choices=DataFetch.Source.choices)
    values = models.JSONField(_("giá trị đã xác thực"), default=dict)
    verified_at = models.DateTimeField(_("xác thực lúc"))
    error_report = models.TextField(_("người nộp báo sai"), blank=True)
    error_reported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("dữ liệu tờ khai đã xác thực")
        verbose_name_plural = _("dữ liệu tờ khai đã xác thực")

    def __str__(self):
        return str(self.dossier_reference)
