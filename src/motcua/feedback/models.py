"""Satisfaction ratings and feedback (phản ánh, kiến nghị)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models import Dossier
from motcua.org.models import Agency, Official


class Rating(models.Model):
    """Đánh giá mức độ hài lòng: one rating per dossier, given after its result was returned."""

    class Channel(models.TextChoices):
        PORTAL = "portal", _("Tài khoản trên Cổng dịch vụ công")
        QR = "qr", _("Mã QR trên giấy tờ")

    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="rating")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="ratings")
    channel = models.CharField(_("kênh đánh giá"), max_length=10, choices=Channel.choices)
    comment = models.TextField(_("góp ý"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("đánh giá mức độ hài lòng")
        verbose_name_plural = _("đánh giá mức độ hài lòng")

    def __str__(self):
        return f"{self.dossier}"


class RatingScore(models.Model):
    """The answer to one question (1–5) of a rating; one row per question, so reports can sum by question."""

    rating = models.ForeignKey(Rating, on_delete=models.CASCADE, related_name="scores")
    question = models.CharField(max_length=20)
    score = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["rating", "question"], name="rating_score_unique"),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="rating_score_1_5"),
        ]

    def __str__(self):
        return f"{self.question}: {self.score}"


class Feedback(models.Model):
    """Phản ánh, kiến nghị: what a person reports or proposes, with a tracking code, an official's
    answer, and publication of the answer once the official marks it public.

    The sender's name and contact are personal data: they are never published.
    """

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("Phản ánh")
        SUGGESTION = "suggestion", _("Kiến nghị")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Đã tiếp nhận")
        ANSWERED = "answered", _("Đã trả lời")

    code = models.CharField(_("mã theo dõi"), max_length=20, unique=True)
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices, default=Kind.COMPLAINT)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="feedback", verbose_name=_("cơ quan")
    )
    dossier = models.ForeignKey(
        Dossier, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    subject = models.CharField(_("tiêu đề"), max_length=200)
    content = models.TextField(_("nội dung"))
    sender_name = models.CharField(_("họ và tên"), max_length=255)
    sender_phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    sender_email = models.EmailField(_("thư điện tử"), blank=True)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.RECEIVED)
    answer = models.TextField(_("trả lời"), blank=True)
    answered_by = models.ForeignKey(
        Official, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    is_public = models.BooleanField(_("công khai"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["is_public", "-published_at"]),
        ]
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")

    def __str__(self):
        return f"{self.code} {self.subject}"
