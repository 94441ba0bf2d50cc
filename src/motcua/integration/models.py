"""The transactional outbox and what leaves the system from it.

``OutboxEvent`` rows are written by a database trigger on every insert into the dossiers'
history (migration ``0002_outbox_trigger``), so they exist exactly when the event's transaction
commits, whatever wrote the event, at no extra round trip; a row without ``relayed_at`` is the truth about what still has
to go out, whatever the broker or the workers are doing. The relay publishes each row to
AMQP and turns it into ``Delivery`` rows (one per webhook subscription, national-portal sync,
e-mail, SMS), each retried with exponential back-off until delivered or dead.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models import DossierEvent

LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]


class OutboxEvent(models.Model):
    """Hộp thư đi: one dossier event waiting to be published (at least once, by its event id)."""

    event = models.OneToOneField(
        DossierEvent,
        to_field="event_id",
        db_column="event_id",
        on_delete=models.PROTECT,
        related_name="outbox",
        verbose_name=_("sự kiện"),
    )
    relayed_at = models.DateTimeField(_("đã phát lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("sự kiện chờ gửi")
        verbose_name_plural = _("hộp thư đi (outbox)")
        # The relay only ever scans rows still waiting: a small partial index, cheap to insert into.
        indexes = [
            models.Index(fields=["id"], condition=models.Q(relayed_at__isnull=True), name="outbox_waiting")
        ]

    def __str__(self):
        return f"{self.event_id}"


def _new_secret() -> str:
    return secrets.token_urlsafe(32)


class WebhookSubscription(models.Model):
    """A system outside (the province's data integration platform, …) that receives signed webhooks."""

    name = models.CharField(_("tên hệ thống"), max_length=200)
    url = models.URLField(_("địa chỉ nhận (URL)"), max_length=500)
    secret = models.CharField(
        _("khóa bí mật ký HMAC"),
        max_length=200,
        default=_new_secret,
        help_text=_("Bên nhận dùng khóa này để kiểm tra chữ ký HMAC-SHA256 trong tiêu đề Motcua-Signature."),
    )
    events = models.CharField(
        _("sự kiện đăng ký"),
        max_length=500,
        blank=True,
        help_text=_(
            "Các loại sự kiện cách nhau bởi dấu phẩy (ví dụ: received,returned); để trống: mọi sự kiện."
        ),
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("đăng ký webhook")
        verbose_name_plural = _("đăng ký webhook")

    def __str__(self):
        return self.name

    def wants(self, kind: str) -> bool:
        kinds = {k.strip() for k in self.events.split(",") if k.strip()}
        return not kinds or kind in kinds


class Delivery(models.Model):
    """One event sent to one destination, retried with back-off; dead ones wait for a replay."""

    class Channel(models.TextChoices):
        WEBHOOK = "webhook", _("Webhook")
        NATIONAL_PORTAL = "national_portal", _("Cổng Dịch vụ công quốc gia")
        EMAIL = "email", _("Thư điện tử")
        SMS = "sms", _("Tin nhắn SMS")

    class State(models.TextChoices):
        PENDING = "pending", _("Đang chờ gửi")
        DELIVERED = "delivered", _("Đã gửi")
        DEAD = "dead", _("Gửi không được (chờ gửi lại)")

    outbox = models.ForeignKey(
        OutboxEvent, on_delete=models.PROTECT, related_name="deliveries", verbose_name=_("sự kiện")
    )
    channel = models.CharField(_("kênh"), max_length=20, choices=Channel.choices)
    # "webhook:<id>", "national_portal", "email", "sms": one delivery per event and destination.
    target = models.CharField(_("đích"), max_length=60)
    subscription = models.ForeignKey(
        WebhookSubscription,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("đăng ký webhook"),
    )
    recipient = models.CharField(_("người nhận"), max_length=500, blank=True)
    language = models.CharField(_("ngôn ngữ"), max_length=8, choices=LANGUAGES, default="vi")
    state = models.CharField(_("tình trạng"), max_length=12, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(_("số lần thử"), default=0)
    next_attempt_at = models.DateTimeField(_("lần thử tới"), default=timezone.now)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    delivered_at = models.DateTimeField(_("gửi được lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("lần gửi")
        verbose_name_plural = _("gửi đi (webhook, cổng quốc gia, thư, SMS)")
        constraints = [models.UniqueConstraint(fields=["outbox", "target"], name="delivery_once_per_target")]
        indexes = [
            models.Index(fields=["next_attempt_at"], condition=models.Q(state="pending"), name="delivery_due")
        ]

    def __str__(self):
        return f"{self.outbox_id} → {self.target}"


class ContactPreference(models.Model):
    """How an applicant wants to hear about their dossiers (kênh nhận thông báo)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="contact_preference",
        verbose_name=_("tài khoản"),
    )
    by_email = models.BooleanField(_("nhận thư điện tử"), default=True)
    by_sms = models.BooleanField(_("nhận tin nhắn SMS"), default=False)
    language = models.CharField(_("ngôn ngữ"), max_length=8, choices=LANGUAGES, default="vi")

    class Meta:
        verbose_name = _("kênh nhận thông báo")
        verbose_name_plural = _("kênh nhận thông báo")

    def __str__(self):
        return str(self.user)
