"""The periods a report covers: a day, a month, a quarter, a year, or dates chosen (local dates,
both ends included)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

KINDS = (
    ("day", _("Ngày")),
    ("month", _("Tháng")),
    ("quarter", _("Quý")),
    ("year", _("Năm")),
    ("custom", _("Tùy chọn")),
)
# A custom period longer than this is refused (the figures are daily: a decade is still fast, but
# nobody means it and the trend chart would be unreadable).
LONGEST_DAYS = 3 * 366


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def label(self) -> str:
        if self.kind == "day":
            return f"{self.start:%d/%m/%Y}"
        if self.kind == "month":
            return f"{self.start:%m/%Y}"
        if self.kind == "quarter":
            return f"Q{(self.start.month - 1) // 3 + 1}/{self.start:%Y}"
        if self.kind == "year":
            return f"{self.start:%Y}"
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"


def period_of(kind: str, anchor: date, start: date | None = None, end: date | None = None) -> Period:
    """The period of ``kind`` that holds ``anchor`` (``custom``: from ``start`` to ``end``)."""
    if kind == "day":
        return Period(kind, anchor, anchor)
    if kind == "month":
        last = calendar.monthrange(anchor.year, anchor.month)[1]
        return Period(kind, anchor.replace(day=1), anchor.replace(day=last))
    if kind == "quarter":
        first_month = (anchor.month - 1) // 3 * 3 + 1
        start_q = date(anchor.year, first_month, 1)
        end_month = first_month + 2
        return Period(
            kind, start_q, date(anchor.year, end_month, calendar.monthrange(anchor.year, end_month)[1])
        )
    if kind == "year":
        return Period(kind, date(anchor.year, 1, 1), date(anchor.year, 12, 31))
    if kind == "custom" and start and end:
        return Period(kind, start, end)
    raise ValueError(kind)


def months_back(end: date, count: int) -> date:
    """The first day of the month ``count - 1`` months before ``end``'s month."""
    month_index = end.year * 12 + end.month - 1 - (count - 1)
    return date(month_index // 12, month_index % 12 + 1, 1)


def previous_day(day: date) -> date:
    return day - timedelta(days=1)
