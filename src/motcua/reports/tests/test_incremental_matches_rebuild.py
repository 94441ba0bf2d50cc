"""The figures kept up to date event by event equal those recomputed from the history."""

import pytest
from django.core.management import call_command

from motcua.reports.aggregates import computed_from_history, monthly_of, rebuild, stored, stored_monthly
from motcua.reports.models import DailyFigures, MonthlyFigures
from motcua.reports.tests.workload import run

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_figures_equal_the_rebuild_after_a_random_workload(world, seed):
    run(world, seed=seed)
    incremental = stored()
    assert sum(c["received"] for c in incremental.values()) > 0
    assert sum(c["settled_on_time"] + c["settled_late"] for c in incremental.values()) > 0

    incremental_months = stored_monthly()
    assert incremental_months  # the roll-up is kept by the same subscriber

    expected = computed_from_history()
    assert incremental == expected
    assert incremental_months == monthly_of(expected)
    rebuild()
    assert stored() == incremental
    assert stored_monthly() == incremental_months


def test_rebuild_restores_figures_that_were_lost(world):
    run(world, seed=7, steps=60)
    before, before_months = stored(), stored_monthly()
    DailyFigures.objects.all().delete()
    MonthlyFigures.objects.all().delete()
    call_command("reports", "rebuild")
    assert stored() == before
    assert stored_monthly() == before_months


def test_check_reports_a_difference(world, capsys):
    from django.core.management.base import CommandError

    run(world, seed=8, steps=40)
    call_command("reports", "check")
    DailyFigures.objects.filter(pk=DailyFigures.objects.first().pk).update(received=999)
    with pytest.raises(CommandError):
        call_command("reports", "check")


def test_check_reports_a_monthly_difference(world):
    from django.core.management.base import CommandError

    run(world, seed=9, steps=40)
    call_command("reports", "check")
    MonthlyFigures.objects.filter(pk=MonthlyFigures.objects.first().pk).update(received=999)
    with pytest.raises(CommandError, match="monthly"):
        call_command("reports", "check")


def test_a_period_reads_whole_months_from_the_roll_up_and_edges_from_the_days(world):
    from collections import Counter
    from datetime import timedelta

    from motcua.reports.models import COUNTERS
    from motcua.reports.selectors import Filters, _split, counters

    run(world, seed=11, steps=60)
    daily = stored()
    days = sorted(key[0] for key in daily)
    first, last = days[0], days[-1]
    month_start = first.replace(day=1)
    month_end = (last.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    for start, end in [
        (month_start, month_end),  # whole months only: the roll-up alone
        (first, last),  # partial months
        (month_start - timedelta(days=40), month_end + timedelta(days=40)),  # months around it
        (last, last),  # one day
    ]:
        expected: Counter = Counter()
        for (day, _agency, _procedure), counts in daily.items():
            if start <= day <= end:
                expected.update(counts)
        found = counters(Filters(start=start, end=end))[()]
        assert {k: found[k] for k in COUNTERS if found[k]} == dict(+expected), (start, end)
    months, edges = _split(month_start, month_end)
    assert months == (month_start, month_end.replace(day=1)) and edges == []
