from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarException(models.Model):
    """A day the province declares working or non-working against the national calendar
    (ngày nghỉ/ngày làm bù do tỉnh công bố)."""

    day = models.DateField(_("ngày"), unique=True)
    is_working_day = models.BooleanField(_("là ngày làm việc"), default=False)
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)

    class Meta:
        ordering = ["day"]
        verbose_name = _("ngày làm việc/nghỉ riêng của tỉnh")
        verbose_name_plural = _("ngày làm việc/nghỉ riêng của tỉnh")

    def __str__(self):
        return f"{self.day:%d/%m/%Y} {'làm việc' if self.is_working_day else 'nghỉ'}"


class IdempotencyRecord(models.Model):
    """The first answer to a request sent with an ``Idempotency-Key``, replayed to its retries.

    Kept at least 24 hours (``MOTCUA_IDEMPOTENCY_KEY_HOURS``); the same key with a
    different request body is refused.
    """

    owner = models.CharField(max_length=80)
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    body = models.JSONField(null=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "key"], name="idempotency_owner_key_unique")]

    def __str__(self):
        return f"{self.owner} {self.key}"
