"""Every kind of event a dossier's history may hold, with its words: the transitions' own events
and those that leave the status as it is (hand-overs, consultations, deadline warnings...).

What outside systems subscribe to (webhooks: ``dossier.<kind>``) and what administrators read
(admin, audit log) comes from here, so no code name ("returned") reaches a page.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.dossiers.states import TRANSITIONS

_OTHER_KINDS = {
    "created": _("Tạo bản nháp"),
    "submitted": _("Nộp hồ sơ"),
    "apologized": _("Xin lỗi và hẹn lại ngày trả kết quả"),
    "deadline_warning": _("Cảnh báo: còn một ngày làm việc đến hạn trả"),
    "overdue": _("Quá hạn giải quyết"),
    "handed_over": _("Chuyển bước xử lý"),
    "sent_back": _("Trả lại bước trước"),
    "reassigned": _("Giao lại người xử lý"),
    "consultation_requested": _("Xin ý kiến phối hợp"),
    "consultation_answered": _("Trả lời phối hợp"),
}
EVENT_KINDS = {**{t.event: t.label for t in TRANSITIONS.values()}, **_OTHER_KINDS}


def event_kind_label(kind: str) -> str:
    """The words for an event kind; an unknown kind (an older release's) is shown as it is."""
    return str(EVENT_KINDS.get(kind, kind))
