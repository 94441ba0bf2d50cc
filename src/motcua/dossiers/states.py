"""The dossier's statuses and the transitions between them (see DESIGN.md).

```
draft ─submit─▶ submitted ─receive─▶ received ─start─▶ processing ─approve─▶ result_ready ─return─▶ returned
  │               ├─reject (reason) ─▶ rejected           │  ├─refuse (reason) ─▶ refused
  │               └─request_supplement ─▶ supplement_requested ─supplement─▶ (back where it was; clock resumes)
  │                                        processing / result_ready ─request_payment─▶ awaiting_payment ─confirm_payment─▶ (back)
  └─withdraw (applicant, any open state) ─▶ withdrawn
```
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.event_kinds import EventKind
from motcua.org.models import Role


class Status(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Mới đăng ký")
    RECEIVED = "received", _("Đã tiếp nhận")
    PROCESSING = "processing", _("Đang xử lý")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Yêu cầu bổ sung")
    AWAITING_PAYMENT = "awaiting_payment", _("Chờ thực hiện nghĩa vụ tài chính")
    RESULT_READY = "result_ready", _("Đã có kết quả")
    RETURNED = "returned", _("Đã trả kết quả")
    REJECTED = "rejected", _("Không tiếp nhận")
    REFUSED = "refused", _("Không giải quyết")
    WITHDRAWN = "withdrawn", _("Đã rút hồ sơ")


# The ten status codes used to synchronise with the national public service portal.
NATIONAL_STATUS_CODES: dict[str, int | None] = {
    Status.DRAFT: None,
    Status.SUBMITTED: 1,  # newly registered
    Status.RECEIVED: 2,  # received
    Status.REJECTED: 3,  # not received
    Status.PROCESSING: 4,  # processing
    Status.SUPPLEMENT_REQUESTED: 5,  # supplement requested
    Status.AWAITING_PAYMENT: 6,  # financial obligation requested
    Status.WITHDRAWN: 7,  # withdrawn by the applicant
    Status.REFUSED: 8,  # processing stopped
    Status.RESULT_READY: 9,  # processed
    Status.RETURNED: 10,  # result returned
}

OPEN_STATUSES = frozenset(
    {
        Status.SUBMITTED,
        Status.RECEIVED,
        Status.PROCESSING,
        Status.SUPPLEMENT_REQUESTED,
        Status.AWAITING_PAYMENT,
    }
)
CLOSED_STATUSES = frozenset({Status.RETURNED, Status.REJECTED, Status.REFUSED, Status.WITHDRAWN})
# Statuses in which a dossier may have an open step of its internal process: open, or its result
# waiting at the counter. A sorted tuple of values: the queues' queries repeat it word for word, so
# the partial index over open work (``dossier_open_by_due_date``) serves them (issue 19).
OPEN_WORK_STATUSES = tuple(sorted(s.value for s in {*OPEN_STATUSES, Status.RESULT_READY}))
# Statuses in which the legal clock runs (once the dossier has been validly received).
CLOCK_RUNNING_STATUSES = frozenset({Status.RECEIVED, Status.PROCESSING})

APPLICANT = "applicant"


@dataclass(frozen=True)
class Transition:
    name: str
    event: EventKind  # the history event it writes
    label: str
    sources: frozenset[str]
    target: str | None  # None: back to the status before the pause
    actors: tuple[str, ...]  # APPLICANT and/or official roles
    agency: str = "competent"  # whose roles count: "receiving" or "competent" agency
    needs_reason: bool = False


def _t(name, event, label, sources, target, actors, **kwargs) -> Transition:
    return Transition(name, event, label, frozenset(sources), target, tuple(actors), **kwargs)


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        _t("submit", EventKind.SUBMITTED, _("Nộp hồ sơ"), {Status.DRAFT}, Status.SUBMITTED, [APPLICANT]),
        _t(
            "receive",
            EventKind.RECEIVED,
            _("Tiếp nhận"),
            {Status.SUBMITTED},
            Status.RECEIVED,
            [Role.RECEIVER],
            agency="receiving",
        ),
        _t(
            "reject",
            EventKind.REJECTED,
            _("Từ chối tiếp nhận"),
            {Status.SUBMITTED},
            Status.REJECTED,
            [Role.RECEIVER],
            agency="receiving",
            needs_reason=True,
        ),
        _t(
            "request_supplement",
            EventKind.SUPPLEMENT_REQUESTED,
            _("Yêu cầu bổ sung"),
            {Status.SUBMITTED, Status.RECEIVED, Status.PROCESSING},
            Status.SUPPLEMENT_REQUESTED,
            [Role.RECEIVER, Role.PROCESSOR, Role.LEADER],
            needs_reason=True,
        ),
        _t(
            "supplement",
            EventKind.SUPPLEMENTED,
            _("Nộp bổ sung"),
            {Status.SUPPLEMENT_REQUESTED},
            None,
            [APPLICANT],
        ),
        _t(
            "start_processing",
            EventKind.PROCESSING_STARTED,
            _("Chuyển xử lý"),
            {Status.RECEIVED},
            Status.PROCESSING,
            [Role.RECEIVER, Role.PROCESSOR, Role.LEADER],
        ),
        _t(
            "request_payment",
            EventKind.PAYMENT_REQUESTED,
            _("Yêu cầu thực hiện nghĩa vụ tài chính"),
            {Status.PROCESSING, Status.RESULT_READY},
            Status.AWAITING_PAYMENT,
            [Role.RECEIVER, Role.PROCESSOR, Role.LEADER],
        ),
        _t(
            "confirm_payment",
            EventKind.PAYMENT_CONFIRMED,
            _("Xác nhận đã nộp phí, lệ phí"),
            {Status.AWAITING_PAYMENT},
            None,
            [Role.RECEIVER, Role.PROCESSOR, Role.LEADER],
        ),
        _t(
            "approve",
            EventKind.APPROVED,
            _("Phê duyệt kết quả"),
            {Status.PROCESSING},
            Status.RESULT_READY,
            [Role.LEADER],
        ),
        _t(
            "refuse",
            EventKind.REFUSED,
            _("Không giải quyết"),
            {Status.RECEIVED, Status.PROCESSING},
            Status.REFUSED,
            [Role.LEADER],
            needs_reason=True,
        ),
        _t(
            "return_result",
            EventKind.RETURNED,
            _("Trả kết quả"),
            {Status.RESULT_READY},
            Status.RETURNED,
            [Role.RECEIVER],
            agency="receiving",
        ),
        _t(
            "withdraw",
            EventKind.WITHDRAWN,
            _("Rút hồ sơ"),
            {Status.DRAFT, *OPEN_STATUSES},
            Status.WITHDRAWN,
            [APPLICANT],
        ),
    )
}
