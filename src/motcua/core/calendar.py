"""The working-day calendar deadlines are counted in.

Working days are Monday to Friday, minus Vietnamese public holidays (with the
government's swapped days off), plus make-up Saturdays; both come from the
``holidays`` package (country VN, lunar Tết included). A province may add its
own exceptions (a typhoon closure, a local make-up day) as
:class:`~motcua.core.models.CalendarException` rows.

Working hours are 07:30–11:30 and 13:30–17:00 Asia/Ho_Chi_Minh, so a working
day holds 450 working minutes. Every legal processing time is turned into
working minutes; adding them walks the working periods forward. A dossier
received on Friday at 16:00 with one working day is due on Monday at 16:00.
"""

from __future__ import annotations

import threading
import time as monotonic_time
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

import holidays

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
WORK_PERIODS: tuple[tuple[time, time], ...] = ((time(7, 30), time(11, 30)), (time(13, 30), time(17, 0)))
MINUTES_PER_DAY = sum(
    (datetime.combine(date.min, end) - datetime.combine(date.min, start)).seconds // 60
    for start, end in WORK_PERIODS
)


class TimeUnit(StrEnum):
    WORKING_DAY = "working_day"
    WORKING_HOUR = "working_hour"


@dataclass(frozen=True)
class WorkingDuration:
    """A legal processing time such as "15 ngày làm việc" or "4 giờ làm việc"."""

    amount: Decimal
    unit: TimeUnit

    @property
    def minutes(self) -> int:
        per_unit = MINUTES_PER_DAY if self.unit == TimeUnit.WORKING_DAY else 60
        return int((Decimal(self.amount) * per_unit).to_integral_value())


class WorkingCalendar:
    """Working days and working time for one country, with local exceptions."""

    def __init__(self, exceptions: dict[date, bool] | None = None):
        self._public = holidays.country_holidays("VN")
        self._exceptions = exceptions or {}

    def is_working_day(self, day: date) -> bool:
        if day in self._exceptions:
            return self._exceptions[day]
        return self._public.is_working_day(day)

    def holiday_name(self, day: date) -> str | None:
        return self._public.get(day)

    def next_working_day(self, day: date) -> date:
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def _periods_from(self, at: datetime):
        """Working periods (start, end) in local time, from the one containing ``at`` onwards."""
        local = at.astimezone(LOCAL_TZ)
        day = local.date()
        if not self.is_working_day(day):
            day = self.next_working_day(day)
            local = datetime.combine(day, time.min, LOCAL_TZ)
        while True:
            for start, end in WORK_PERIODS:
                period_start = datetime.combine(day, start, LOCAL_TZ)
                period_end = datetime.combine(day, end, LOCAL_TZ)
                if period_end <= local:
                    continue
                yield max(period_start, local), period_end
            day = self.next_working_day(day)
            local = datetime.combine(day, time.min, LOCAL_TZ)

    def add_working_minutes(self, start: datetime, minutes: int) -> datetime:
        """The moment ``minutes`` of working time after ``start``.

        A clock started outside working hours starts at the next working period.
        """
        if start.tzinfo is None:
            raise ValueError("start must be timezone-aware")
        remaining = max(0, int(minutes))
        for period_start, period_end in self._periods_from(start):
            available = int((period_end - period_start).total_seconds() // 60)
            if remaining <= available:
                return period_start + timedelta(minutes=remaining)
            remaining -= available
        raise AssertionError("unreachable")  # pragma: no cover

    def add_working_time(self, start: datetime, duration: WorkingDuration) -> datetime:
        return self.add_working_minutes(start, duration.minutes)

    def working_minutes_between(self, start: datetime, end: datetime) -> int:
        """Working minutes from ``start`` to ``end`` (negative when ``end`` is earlier)."""
        if end < start:
            return -self.working_minutes_between(end, start)
        total = 0
        for period_start, period_end in self._periods_from(start):
            if period_start >= end:
                break
            total += int((min(period_end, end) - period_start).total_seconds() // 60)
            if period_end >= end:
                break
        return total

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end``."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


_cache_lock = threading.Lock()
_cached: tuple[float, WorkingCalendar] | None = None
CACHE_SECONDS = 60


def working_calendar() -> WorkingCalendar:
    """The calendar with this province's exceptions, cached for a minute per process."""
    global _cached
    with _cache_lock:
        now = monotonic_time.monotonic()
        if _cached is None or now - _cached[0] > CACHE_SECONDS:
            from motcua.core.models import CalendarException

            exceptions = dict(CalendarException.objects.values_list("day", "is_working_day"))
            _cached = (now, WorkingCalendar(exceptions))
        return _cached[1]


def forget_cached_calendar() -> None:
    global _cached
    with _cache_lock:
        _cached = None


def calendar_changed(**_signal) -> None:
    """A declared day was saved or deleted (connected in ``core.apps``)."""
    forget_cached_calendar()
