"""What payments does when a dossier's history moves (a subscriber listed in dossiers/subscribers.py)."""

from __future__ import annotations

from motcua.payments import services

CLOSING = {
    "refused": "Hồ sơ không được giải quyết",
    "rejected": "Hồ sơ không được tiếp nhận",
    "withdrawn": "Người nộp đã rút hồ sơ",
}


def follow_history(event) -> None:
    """A refused, rejected or withdrawn dossier gets its online fees back."""
    reason = CLOSING.get(event.kind)
    if reason:
        services.refund_after_closing(dossier=event.dossier, reason=reason)
