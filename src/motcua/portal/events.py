"""Words for the lines of a dossier's history, as an applicant reads them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.dossiers.states import TRANSITIONS

_EXTRA = {
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
LABELS = {**{t.event: t.label for t in TRANSITIONS.values()}, **_EXTRA}

# Events whose note the applicant must read (why it was refused, what is missing...).
NOTE_FOR_APPLICANT = {
    "rejected",
    "refused",
    "supplement_requested",
    "apologized",
    "withdrawn",
    "supplemented",
}


def event_label(kind: str) -> str:
    return str(LABELS.get(kind, kind.replace("_", " ")))


def history_lines(events) -> list[dict]:
    """The officials' view of a dossier's history: each event's words, when, who, where and its note."""
    return [
        {"label": event_label(e.kind), "at": e.at, "actor": e.actor_name, "agency": e.agency, "note": e.note}
        for e in events
    ]
