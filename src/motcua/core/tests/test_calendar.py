from datetime import date, datetime
from decimal import Decimal

import pytest

from motcua.core.calendar import (
    LOCAL_TZ,
    MINUTES_PER_DAY,
    TimeUnit,
    WorkingCalendar,
    WorkingDuration,
    working_calendar,
)
from motcua.core.models import CalendarException


def local(*args) -> datetime:
    return datetime(*args, tzinfo=LOCAL_TZ)


calendar = WorkingCalendar()


def test_a_working_day_holds_seven_and_a_half_hours():
    assert MINUTES_PER_DAY == 450
    assert WorkingDuration(Decimal("0.5"), TimeUnit.WORKING_DAY).minutes == 225
    assert WorkingDuration(Decimal("4"), TimeUnit.WORKING_HOUR).minutes == 240


def test_one_working_day_from_friday_afternoon_is_monday_afternoon():
    assert calendar.add_working_minutes(local(2026, 11, 20, 16, 0), MINUTES_PER_DAY) == local(
        2026, 11, 23, 16, 0
    )


def test_lunch_break_does_not_count():
    assert calendar.add_working_minutes(local(2026, 11, 23, 11, 0), 60) == local(2026, 11, 23, 14, 0)


def test_a_clock_started_on_a_weekend_starts_on_monday_morning():
    assert calendar.add_working_minutes(local(2026, 11, 21, 9, 0), 240) == local(2026, 11, 23, 11, 30)


def test_a_clock_started_after_hours_starts_next_morning():
    assert calendar.add_working_minutes(local(2026, 11, 25, 18, 45), 30) == local(2026, 11, 26, 8, 0)


def test_deadline_skips_lunar_new_year_holidays():
    # Tết 2026: 16–20 February (Monday to Friday) are public holidays.
    friday_before_tet = local(2026, 2, 13, 10, 0)
    assert calendar.add_working_minutes(friday_before_tet, MINUTES_PER_DAY) == local(2026, 2, 23, 10, 0)
    assert calendar.add_working_time(
        friday_before_tet, WorkingDuration(Decimal(3), TimeUnit.WORKING_DAY)
    ) == local(2026, 2, 25, 10, 0)


def test_make_up_saturday_counts_and_swapped_day_off_does_not():
    # 2026: Saturday 22 August is worked to give Monday 31 August off (then National Day 1–2 September).
    assert calendar.is_working_day(date(2026, 8, 22))
    assert not calendar.is_working_day(date(2026, 8, 31))
    assert calendar.add_working_minutes(local(2026, 8, 21, 10, 0), MINUTES_PER_DAY) == local(
        2026, 8, 22, 10, 0
    )
    assert calendar.add_working_minutes(local(2026, 8, 28, 10, 0), MINUTES_PER_DAY) == local(
        2026, 9, 3, 10, 0
    )


def test_deadline_can_end_exactly_at_closing_time():
    assert calendar.add_working_minutes(local(2026, 11, 23, 7, 30), MINUTES_PER_DAY) == local(
        2026, 11, 23, 17, 0
    )


def test_working_minutes_between_is_the_inverse_of_adding():
    start = local(2026, 2, 12, 15, 10)
    for minutes in (0, 1, 29, 240, 450, 451, 1000, 4500):
        end = calendar.add_working_minutes(start, minutes)
        assert calendar.working_minutes_between(start, end) == minutes
        assert calendar.working_minutes_between(end, start) == -minutes


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        calendar.add_working_minutes(datetime(2026, 1, 5, 8, 0), 10)


@pytest.mark.django_db
def test_a_day_the_province_closes_is_skipped():
    CalendarException.objects.create(day=date(2026, 11, 26), is_working_day=False, note="Bão số 12")
    tuesday = local(2026, 11, 25, 9, 0)
    assert working_calendar().add_working_minutes(tuesday, MINUTES_PER_DAY) == local(2026, 11, 27, 9, 0)
    CalendarException.objects.all().delete()
    assert working_calendar().add_working_minutes(tuesday, MINUTES_PER_DAY) == local(2026, 11, 26, 9, 0)
