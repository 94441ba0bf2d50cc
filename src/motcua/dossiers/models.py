"""The dossier aggregate: the dossier, its history, its clock pauses and apologies."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.catalogue.models import Procedure
from motcua.dossiers.event_kinds import event_kind_label
from motcua.dossiers.states import CLOSED_STATUSES, NATIONAL_STATUS_CODES, OPEN_WORK_STATUSES, Status
from motcua.org.models import Agency, Official


class Channel(models.TextChoices):
    ONLINE = "online", _("Trực tuyến")
    COUNTER = "counter", _("Trực tiếp tại quầy")
    POST = "post", _("Dịch vụ bưu chính")


class Dossier(models.Model):
    """Hồ sơ: one application for one procedure, from draft to returned result."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("mã hồ sơ"), max_length=64, unique=True, null=True, blank=True)
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="dossiers")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="dossiers")
    applicant_name = models.CharField(_("người nộp"), max_length=255)
    applicant_id_number = models.CharField(_("số định danh / mã số thuế"), max_length=20, blank=True)
    applicant_phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    applicant_address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    receiving_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="received_dossiers", verbose_name=_("nơi tiếp nhận")
    )
    competent_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="competent_dossiers",
        verbose_name=_("cơ quan giải quyết"),
    )
    channel = models.CharField(
        _("hình thức nộp"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    status = models.CharField(_("trạng thái"), max_length=24, choices=Status.choices, default=Status.DRAFT)
    form_data = models.JSONField(_("dữ liệu biểu mẫu"), default=dict, blank=True)

    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(_("ngày nộp"), null=True, blank=True)
    received_at = models.DateTimeField(_("ngày tiếp nhận"), null=True, blank=True)
    due_at = models.DateTimeField(_("ngày hẹn trả"), null=True, blank=True)
    processing_minutes = models.PositiveIntegerField(_("thời hạn (phút làm việc)"), null=True, blank=True)
    paused_at = models.DateTimeField(_("dừng tính thời gian từ"), null=True, blank=True)
    remaining_minutes = models.IntegerField(_("thời gian còn lại khi dừng (phút)"), null=True, blank=True)
    resume_status = models.CharField(max_length=24, choices=Status.choices, blank=True)
    finished_at = models.DateTimeField(_("ngày có kết quả"), null=True, blank=True)
    returned_at = models.DateTimeField(_("ngày trả kết quả"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ngày kết thúc"), null=True, blank=True)
    received_by = models.ForeignKey(
        Official, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    last_event_seq = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        indexes = [
            models.Index(fields=["status", "due_at"]),
            # The counter's queues: per status, oldest submitted first, or last changed first.
            models.Index(
                fields=["receiving_agency", "status", "submitted_at"], name="dossier_counter_submitted"
            ),
            models.Index(
                fields=["receiving_agency", "status", "-updated_at"], name="dossier_counter_changed"
            ),
            # The counter's queues of several statuses, last changed first ("returned, rejected": a
            # year's worth): walked newest first, not sorted whole.
            models.Index(fields=["receiving_agency", "-updated_at", "-id"], name="dossier_counter_newest"),
            models.Index(fields=["competent_agency", "status"]),
            models.Index(fields=["applicant", "-created_at"]),
            # The API's order (newest first): pages are index ranges, not sorts of the visible set.
            # It holds the access rule's columns (PostgreSQL), so that a numbered page deep in the
            # list finds its keys from the index alone (``core.pagination``: 104 → 10 ms for page
            # 200 of a department at a million dossiers).
            models.Index(
                fields=["-created_at", "-id"],
                include=["status", "receiving_agency", "competent_agency"],
                name="dossier_newest_first_cover",
            ),
            # The queues' default order (due date), walked for the unit's whole "done" queue.
            models.Index(fields=["due_at", "id"], name="dossier_by_due_date"),
            # The queues of open work (5 % of a year's dossiers) by due date: walking the whole table's
            # due dates for the few with an open step at the official's agency read ~100,000 rows.
            models.Index(
                fields=["due_at", "id"],
                condition=models.Q(status__in=OPEN_WORK_STATUSES),
                name="dossier_open_by_due_date",
            ),
        ]

    def __str__(self):
        return self.code or f"nháp {self.uuid}"

    @property
    def national_status_code(self) -> int | None:
        return NATIONAL_STATUS_CODES[self.status]

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def is_overdue(self, at=None) -> bool:
        """Past the appointment date and not finished (a paused clock is not overdue)."""
        if self.due_at is None or self.is_paused:
            return False
        if self.finished_at is not None:
            return self.finished_at > self.due_at
        if self.is_closed:
            return False
        return (at or timezone.now()) > self.due_at


class AppendOnly(models.Model):
    """History rows are written once and never changed or removed."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.pop("_allow_update", False):
            raise RuntimeError(f"{type(self).__name__} is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError(f"{type(self).__name__} is append-only")


class DossierEvent(AppendOnly):
    """One line of the processing-tracking slip: who did what, when, where, and why."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    event_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("sự kiện"), max_length=40)
    from_status = models.CharField(max_length=24, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=24, choices=Status.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=255, blank=True)
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["dossier", "seq"]
        constraints = [models.UniqueConstraint(fields=["dossier", "seq"], name="dossier_event_seq_unique")]
        verbose_name = _("sự kiện hồ sơ")
        verbose_name_plural = _("lịch sử hồ sơ")

    def __str__(self):
        return f"{self.dossier} #{self.seq} {event_kind_label(self.kind)}"


class ClockPause(models.Model):
    """A period in which the legal clock stood still (supplement, financial obligation)."""

    class Reason(models.TextChoices):
        SUPPLEMENT = "supplement", _("Chờ bổ sung hồ sơ")
        PAYMENT = "payment", _("Chờ thực hiện nghĩa vụ tài chính")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="pauses")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    remaining_minutes = models.IntegerField()

    class Meta:
        ordering = ["dossier", "started_at"]

    def __str__(self):
        return f"{self.dossier} {self.get_reason_display()} {self.started_at:%d/%m/%Y %H:%M}"


class Apology(models.Model):
    """Phiếu xin lỗi và hẹn lại ngày trả kết quả: a late dossier's apology with its new date."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="apologies")
    previous_due_at = models.DateTimeField()
    new_due_at = models.DateTimeField()
    reason = models.TextField()
    official = models.ForeignKey(Official, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["dossier", "at"]
        verbose_name = _("phiếu xin lỗi, hẹn lại")
        verbose_name_plural = _("phiếu xin lỗi, hẹn lại")

    def __str__(self):
        return f"{self.dossier} → {self.new_due_at:%d/%m/%Y}"


class CodeCounter(models.Model):
    """The daily sequence of dossier codes per receiving agency."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "day"], name="code_counter_unique")]

    def __str__(self):
        return f"{self.agency_id} {self.day}: {self.last}"


class DossierAccess(models.Model):
    """An agency other than the receiving and the competent one that works on a dossier (a step of
    its internal process, or a consultation, is held there): its officials may see the dossier.

    Kept by the services that open steps and send consultations, in their transaction, so the
    visibility rule reads one small indexed table instead of every step and consultation ever held.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "dossier"], name="dossier_access_unique")]
        verbose_name = _("cơ quan cùng xử lý hồ sơ")
        verbose_name_plural = _("cơ quan cùng xử lý hồ sơ")

    def __str__(self):
        return f"{self.dossier_id} @ {self.agency_id}"
