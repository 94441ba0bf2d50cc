"""Every kind of event a dossier's history may hold, in one enumeration, with its words and who may
read it: the transitions' own events and those that leave the status as it is (hand-overs,
consultations, deadline warnings...).

What outside systems subscribe to (webhooks: ``dossier.<kind>``), what administrators read (admin,
audit log), what the applicant and the public look-up show, all come from here, so no code name
("returned") reaches a page and no list of kinds is kept anywhere else.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    CREATED = "created", _("Tạo bản nháp")
    SUBMITTED = "submitted", _("Nộp hồ sơ")
    RECEIVED = "received", _("Tiếp nhận")
    REJECTED = "rejected", _("Từ chối tiếp nhận")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Yêu cầu bổ sung")
    SUPPLEMENTED = "supplemented", _("Nộp bổ sung")
    PROCESSING_STARTED = "processing_started", _("Chuyển xử lý")
    PAYMENT_REQUESTED = "payment_requested", _("Yêu cầu thực hiện nghĩa vụ tài chính")
    PAYMENT_CONFIRMED = "payment_confirmed", _("Đã nộp phí, lệ phí")
    APPROVED = "approved", _("Phê duyệt kết quả")
    REFUSED = "refused", _("Không giải quyết")
    RETURNED = "returned", _("Trả kết quả")
    WITHDRAWN = "withdrawn", _("Rút hồ sơ")
    APOLOGIZED = "apologized", _("Xin lỗi và hẹn lại ngày trả kết quả")
    DEADLINE_WARNING = "deadline_warning", _("Cảnh báo: còn một ngày làm việc đến hạn trả")
    OVERDUE = "overdue", _("Quá hạn giải quyết")
    HANDED_OVER = "handed_over", _("Chuyển bước xử lý")
    SENT_BACK = "sent_back", _("Trả lại bước trước")
    REASSIGNED = "reassigned", _("Giao lại người xử lý")
    CONSULTATION_REQUESTED = "consultation_requested", _("Xin ý kiến phối hợp")
    CONSULTATION_ANSWERED = "consultation_answered", _("Trả lời phối hợp")


# What anyone holding the dossier's code may see in the public look-up (no officials' working events).
PUBLIC = frozenset(
    {
        EventKind.SUBMITTED,
        EventKind.RECEIVED,
        EventKind.REJECTED,
        EventKind.SUPPLEMENT_REQUESTED,
        EventKind.SUPPLEMENTED,
        EventKind.PROCESSING_STARTED,
        EventKind.PAYMENT_REQUESTED,
        EventKind.PAYMENT_CONFIRMED,
        EventKind.APPROVED,
        EventKind.REFUSED,
        EventKind.RETURNED,
        EventKind.WITHDRAWN,
        EventKind.APOLOGIZED,
    }
)
# The applicant's own history adds the draft and the overdue mark to the public steps.
FOR_APPLICANT = frozenset(PUBLIC | {EventKind.CREATED, EventKind.OVERDUE})
# Events whose note the applicant must read (why it was refused, what is missing...).
NOTE_FOR_APPLICANT = frozenset(
    {
        EventKind.REJECTED,
        EventKind.REFUSED,
        EventKind.SUPPLEMENT_REQUESTED,
        EventKind.APOLOGIZED,
        EventKind.WITHDRAWN,
        EventKind.SUPPLEMENTED,
    }
)

EVENT_KINDS = {kind.value: kind.label for kind in EventKind}


def is_public(kind: str) -> bool:
    return kind in PUBLIC


def event_kind_label(kind: str) -> str:
    """The words for an event kind; an unknown kind (an older release's) is shown as it is."""
    return str(EVENT_KINDS.get(kind, kind))


def event_label(kind: str) -> str:
    """The words for an event kind on a page; an unknown kind reads as words, not as a code name."""
    return str(EVENT_KINDS.get(kind, kind.replace("_", " ")))
