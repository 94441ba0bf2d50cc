"""The internal process of each dossier (quy trình nội bộ): its steps as worked, and consultations."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalogue.models import ProcessStep
from motcua.dossiers.models import Dossier
from motcua.org.models import Agency, Official, Role

OPEN = models.Q(finished_at__isnull=True)


class Outcome(models.TextChoices):
    OPEN = "", _("Đang xử lý")
    HANDED_ON = "handed_on", _("Đã chuyển bước sau")
    SENT_BACK = "sent_back", _("Trả lại bước trước")
    APPROVED = "approved", _("Đã phê duyệt")
    REFUSED = "refused", _("Không giải quyết")
    RETURNED = "returned", _("Đã trả kết quả")
    CLOSED = "closed", _("Kết thúc")


class Task(models.Model):
    """Bước xử lý: one step of a dossier's internal process at one agency — a line of the
    processing-tracking slip (phiếu kiểm soát quá trình giải quyết hồ sơ, form 05).

    ``assignee`` empty means anyone with ``role`` at ``agency`` may take it.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="tasks")
    seq = models.PositiveSmallIntegerField()
    step = models.ForeignKey(ProcessStep, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    step_order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("bước"), max_length=255)
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    assignee = models.ForeignKey(
        Official,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người xử lý"),
    )
    received_at = models.DateTimeField(_("nhận lúc"))
    due_at = models.DateTimeField(_("hạn của bước"), null=True, blank=True)
    finished_at = models.DateTimeField(_("chuyển lúc"), null=True, blank=True)
    finished_by = models.ForeignKey(
        Official, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(_("kết quả"), max_length=20, choices=Outcome.choices, blank=True, default="")
    note = models.TextField(_("ghi chú"), blank=True)
    # The dossier's own state while the step is open, copied with every event of its history
    # (``handlers.follow_history``): a queue counts an official's open steps from this table alone
    # instead of joining each of them to its dossier (issue 19). Left as last seen once finished.
    dossier_status = models.CharField(_("trạng thái hồ sơ"), max_length=24, blank=True, default="")
    dossier_due_at = models.DateTimeField(_("ngày hẹn trả của hồ sơ"), null=True, blank=True)
    dossier_paused = models.BooleanField(_("hồ sơ đang dừng tính thời gian"), default=False)

    class Meta:
        ordering = ["dossier", "seq"]
        constraints = [models.UniqueConstraint(fields=["dossier", "seq"], name="task_seq_unique")]
        indexes = [
            models.Index(fields=["agency", "role", "finished_at"]),
            models.Index(fields=["assignee", "finished_at"]),
            models.Index(fields=["finished_by", "finished_at"]),
            # Open work (a few per cent of the steps ever held): the queues read only these.
            models.Index(
                fields=["agency", "role", "due_at"], condition=OPEN, name="task_open_by_agency_role"
            ),
            models.Index(fields=["assignee", "due_at"], condition=OPEN, name="task_open_by_assignee"),
            models.Index(fields=["dossier", "-seq"], condition=OPEN, name="task_open_by_dossier"),
            # The queues' counts read from this index alone (an index-only scan of the open steps).
            models.Index(
                fields=["agency", "role", "dossier_status", "dossier_due_at", "dossier_paused", "assignee"],
                condition=OPEN,
                name="task_open_queue_counts",
            ),
            # An open-work queue's page in appointment order, from the steps' copy of it.
            models.Index(
                fields=["dossier_due_at", "dossier"], condition=OPEN, name="task_open_by_dossier_due"
            ),
            # The done queue's count: distinct dossiers of the official's (or the unit's) finished
            # steps, read from the index alone in dossier order, stopping at the cap.
            models.Index(
                fields=["finished_by", "dossier", "agency"],
                condition=models.Q(finished_at__isnull=False),
                name="task_done_by_official",
            ),
            models.Index(
                fields=["agency", "dossier"],
                condition=models.Q(finished_at__isnull=False),
                name="task_done_at_agency",
            ),
        ]
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("bước xử lý")

    def __str__(self):
        return f"{self.dossier} #{self.seq} {self.name}"

    @property
    def is_open(self) -> bool:
        return self.finished_at is None

    @property
    def is_late(self) -> bool:
        """Handed on after the step's own time budget (an open step: the budget is already spent)."""
        if self.due_at is None:
            return False
        from django.utils import timezone

        return (self.finished_at or timezone.now()) > self.due_at


class Consultation(models.Model):
    """Phối hợp: another agency's opinion asked for, with its own deadline and its answer."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="consultations")
    from_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    to_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="consultations_asked")
    question = models.TextField(_("nội dung xin ý kiến"))
    asked_by = models.ForeignKey(Official, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField()
    due_at = models.DateTimeField(_("hạn trả lời"))
    answer = models.TextField(_("ý kiến trả lời"), blank=True)
    answered_by = models.ForeignKey(
        Official, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["dossier", "asked_at"]
        indexes = [models.Index(fields=["to_agency", "answered_at"])]
        verbose_name = _("xin ý kiến phối hợp")
        verbose_name_plural = _("xin ý kiến phối hợp")

    def __str__(self):
        return f"{self.dossier} → {self.to_agency}"

    @property
    def is_late(self) -> bool:
        from django.utils import timezone

        return (self.answered_at or timezone.now()) > self.due_at
