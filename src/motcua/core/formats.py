"""Money and time in words, the same on every page, in the assistant's answers and in papers."""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.core.money import format_vnd


def fee_text(amount) -> str:
    """``50000`` → ``"50.000 đ"``; ``0`` → ``"Miễn phí"``; ``None`` → ``""``."""
    if amount is None:
        return ""
    return _("Miễn phí") if amount == 0 else format_vnd(int(amount))


def processing_time_text(procedure) -> str:
    """A procedure's legal processing time: ``"15 ngày làm việc"``, ``"4 giờ làm việc"``, or its note."""
    if procedure.processing_time_amount is None:
        return procedure.processing_time_note or _("Chưa quy định")
    amount = procedure.processing_time_amount
    number = f"{amount:g}" if amount % 1 else f"{int(amount)}"
    if procedure.processing_time_unit == "working_hour":
        return _("%(n)s giờ làm việc") % {"n": number}
    return _("%(n)s ngày làm việc") % {"n": number}
