"""Data subjects' rights (Decree 13/2023/NĐ-CP): consents and erasure requests."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Consent(models.Model):
    """Sự đồng ý: a consent given (or withdrawn) for one purpose, recorded by an administrator."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("chủ thể dữ liệu"),
    )
    purpose = models.CharField(_("mục đích xử lý"), max_length=255)
    given = models.BooleanField(_("đồng ý"), default=True)
    at = models.DateTimeField(_("thời điểm"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người ghi nhận")
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["user", "-at"]
        verbose_name = _("sự đồng ý xử lý dữ liệu")
        verbose_name_plural = _("sự đồng ý xử lý dữ liệu")

    def __str__(self):
        return f"{self.user} — {self.purpose}: {'✓' if self.given else '✗'}"


class ErasureRequest(models.Model):
    """Yêu cầu xóa dữ liệu: what was erased, what was kept as an archived record, or why refused."""

    class Outcome(models.TextChoices):
        ERASED = "erased", _("Đã xóa dữ liệu tài khoản")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="erasure_requests"
    )
    reference = models.CharField(_("tài khoản"), max_length=150)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    outcome = models.CharField(_("kết quả"), max_length=10, choices=Outcome.choices)
    reason = models.TextField(_("lý do / căn cứ"), blank=True)
    archived_dossiers = models.JSONField(_("hồ sơ lưu trữ (không xóa)"), default=list, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("yêu cầu xóa dữ liệu")
        verbose_name_plural = _("yêu cầu xóa dữ liệu")

    def __str__(self):
        return f"{self.reference} {self.get_outcome_display()}"
