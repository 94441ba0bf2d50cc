"""The aggregates the dashboard, the exports and the open data read: one row per local day ×
competent agency × procedure, with a counter per event the indicators need, and the same summed per
local month (the roll-up whole months are read from), and the monthly figures summed over the
procedures per agency (the roll-up a board without a procedure or field filter reads).

Rows are only ever added to (``F() + n``) by the subscriber in the transaction that records the
event, and recomputed as a whole by ``motcua reports rebuild``: both call
``reports.counting.contribution``, so the two cannot mean different things.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalogue.models import Procedure
from motcua.dossiers.models import Dossier
from motcua.org.models import Agency

# The counters of a row, in one place (the model's fields, the rebuild, the tests and the
# benchmark's COPY read this tuple).
COUNTERS: tuple[str, ...] = (
    "submitted",
    "submitted_online",
    "received",
    "received_online",
    "received_counter",
    "received_post",
    "rejected",
    "settled_early",
    "settled_on_time",
    "settled_late",
    "refused",
    "returned",
    "withdrawn",
    "legal_minutes",
    "used_minutes",
    "apologies",
    "supplement_requests",
    "supplement_repeats",
    "paid",
    "paid_online",
    "settled_digitized",
    "settled_reused",
    "returned_electronic",
)


class Counters(models.Model):
    """The counters (``COUNTERS``) a row of figures holds, and when it last changed."""

    submitted = models.PositiveIntegerField(default=0)
    submitted_online = models.PositiveIntegerField(default=0)
    received = models.PositiveIntegerField(default=0)
    received_online = models.PositiveIntegerField(default=0)
    received_counter = models.PositiveIntegerField(default=0)
    received_post = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    settled_early = models.PositiveIntegerField(default=0)  # before the appointment day (on time too)
    settled_on_time = models.PositiveIntegerField(default=0)
    settled_late = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)
    returned = models.PositiveIntegerField(default=0)
    withdrawn = models.PositiveIntegerField(default=0)
    legal_minutes = models.BigIntegerField(default=0)
    used_minutes = models.BigIntegerField(default=0)
    apologies = models.PositiveIntegerField(default=0)
    supplement_requests = models.PositiveIntegerField(default=0)
    supplement_repeats = models.PositiveIntegerField(default=0)
    paid = models.PositiveIntegerField(default=0)
    paid_online = models.PositiveIntegerField(default=0)
    settled_digitized = models.PositiveIntegerField(default=0)
    settled_reused = models.PositiveIntegerField(default=0)
    returned_electronic = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class DailyFigures(Counters):
    """Số liệu theo ngày: what happened on one local day to one agency's dossiers of one procedure."""

    day = models.DateField(_("ngày"))
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("số liệu theo ngày")
        verbose_name_plural = _("số liệu theo ngày")
        constraints = [
            models.UniqueConstraint(fields=["day", "agency", "procedure"], name="daily_figures_unique")
        ]
        indexes = [models.Index(fields=["agency", "day"]), models.Index(fields=["day"])]

    def __str__(self):
        return f"{self.day} {self.agency_id} {self.procedure_id}"


class MonthlyFigures(Counters):
    """Số liệu theo tháng: the daily figures of one local month summed (``month`` is its first day).

    Kept by the same subscriber, in the same statement's transaction, from the same contribution as
    the daily rows, so a whole month is one row per agency × procedure instead of up to 31; the
    dashboard reads whole months here and only the partial months at a period's edges from the days.
    """

    month = models.DateField(_("tháng"))
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("số liệu theo tháng")
        verbose_name_plural = _("số liệu theo tháng")
        constraints = [
            models.UniqueConstraint(fields=["month", "agency", "procedure"], name="monthly_figures_unique")
        ]
        indexes = [models.Index(fields=["agency", "month"]), models.Index(fields=["month"])]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.agency_id} {self.procedure_id}"


class AgencyMonthlyFigures(Counters):
    """Số liệu theo tháng của cơ quan: the monthly figures of one agency summed over its procedures,
        apart for the procedures offered fully online (``full_online``) and the others, so the full-online
        rate needs no procedure dimension.

        About 12 × agencies × 2 rows a year (a province: a few thousand), where the monthly figures hold
        one per agency × procedure: the province's and a department's boards, their breakdown by agency
        and their trend read these whenever no procedure or field is asked. ``full_online`` is the
        procedure's level now, as in the finer tables' queries: a procedure's level changing moves its
        figures between the two rows: ``FullOnlineFold`` lists the procedures the rows were folded as
    full-online with, and a query finding the levels changed refolds the procedures concerned first
    (``reports.aggregates.ensure_folded``), however the level was changed (a form, an import).
    """

    month = models.DateField(_("tháng"))
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    full_online = models.BooleanField(_("thủ tục trực tuyến toàn trình"))

    class Meta:
        verbose_name = _("số liệu theo tháng của cơ quan")
        verbose_name_plural = _("số liệu theo tháng của cơ quan")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "agency", "full_online"], name="agency_monthly_figures_unique"
            )
        ]
        indexes = [models.Index(fields=["agency", "month"]), models.Index(fields=["month"])]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.agency_id} {'full' if self.full_online else 'other'}"


class FullOnlineFold(models.Model):
    """The procedures ``AgencyMonthlyFigures`` counts as offered fully online (one row each)."""

    procedure = models.OneToOneField(Procedure, on_delete=models.CASCADE, primary_key=True, related_name="+")

    class Meta:
        verbose_name = _("thủ tục toàn trình đã tổng hợp")
        verbose_name_plural = _("thủ tục toàn trình đã tổng hợp")

    def __str__(self):
        return str(self.procedure_id)


class OpenDossier(models.Model):
    """Hồ sơ đang giải quyết có ngày hẹn: a dossier open with its clock running toward an appointment
    date, one row each (``reports.open_work`` keeps them): where its count is held, so the event that
    moves or ends it knows what to take away. A tenth of a year's dossiers at most, far fewer in life."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, primary_key=True, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="+")
    due_at = models.DateTimeField(_("ngày hẹn trả"))

    class Meta:
        verbose_name = _("hồ sơ đang giải quyết có ngày hẹn")
        verbose_name_plural = _("hồ sơ đang giải quyết có ngày hẹn")
        indexes = [
            # A unit's overdue dossiers per procedure (its board's breakdown) are an index-only range:
            # the procedure is held in the index (PostgreSQL), the rows themselves are not read.
            models.Index(fields=["agency", "due_at"], include=["procedure"], name="open_dossier_agency_due"),
            models.Index(fields=["due_at"]),
        ]

    def __str__(self):
        return f"{self.dossier_id} → {self.due_at:%Y-%m-%d %H:%M}"


class OpenDueFigures(models.Model):
    """Số hồ sơ đang giải quyết theo ngày hẹn: how many dossiers in progress (``OpenDossier``) an
    agency has due on one local day (``grain`` day) and in one local month (``grain`` month, ``period``
    its first day): the province's overdue count sums a few thousand of these rows."""

    class Grain(models.TextChoices):
        DAY = "day", _("ngày")
        MONTH = "month", _("tháng")

    grain = models.CharField(max_length=5, choices=Grain.choices)
    period = models.DateField(_("ngày hẹn trả (ngày hoặc tháng)"))
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    open = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("số hồ sơ đang giải quyết theo ngày hẹn")
        verbose_name_plural = _("số hồ sơ đang giải quyết theo ngày hẹn")
        constraints = [
            models.UniqueConstraint(fields=["grain", "period", "agency"], name="open_due_figures_unique")
        ]

    def __str__(self):
        return f"{self.grain} {self.period} {self.agency_id}: {self.open}"


class PendingFigures(models.Model):
    """Số liệu chờ cộng: one event's contribution (``counts``: counter → n) to the figures of its day,
    agency and procedure, written by the subscriber in the event's transaction and added to the
    daily, monthly and agencies' monthly rows by ``reports.aggregates.fold`` (a periodic job, and
    before a page reads them), which deletes it in the same transaction.

    Only ever inserted by events: concurrent submissions no longer update (and lock until they
    commit) the same few rows of the day, the month and the agency. No foreign keys: a row lives
    seconds, and a key check would lock the agency's and the procedure's rows for every event."""

    day = models.DateField()
    agency_id = models.BigIntegerField()
    procedure_id = models.BigIntegerField()
    counts = models.JSONField()

    class Meta:
        verbose_name = _("số liệu chờ cộng")
        verbose_name_plural = _("số liệu chờ cộng")

    def __str__(self):
        return f"{self.day} {self.agency_id} {self.procedure_id} {self.counts}"
