"""The figures kept up to date event by event equal those recomputed from the history."""

import pytest
from django.core.management import call_command

from motcua.reports.aggregates import (
    agency_monthly_of,
    computed_from_history,
    full_online_procedures,
    monthly_of,
    rebuild,
    stored,
    stored_agency_monthly,
    stored_monthly,
)
from motcua.reports.models import AgencyMonthlyFigures, DailyFigures, MonthlyFigures
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

    incremental_agencies = stored_agency_monthly()
    # Both sides of the full-online split are kept (the workload files under a full and a partial procedure).
    assert {full for _month, _agency, full in incremental_agencies} == {True, False}

    expected = computed_from_history()
    assert incremental == expected
    assert incremental_months == monthly_of(expected)
    assert incremental_agencies == agency_monthly_of(monthly_of(expected), full_online_procedures())
    rebuild()
    assert stored() == incremental
    assert stored_monthly() == incremental_months
    assert stored_agency_monthly() == incremental_agencies


def test_rebuild_restores_figures_that_were_lost(world):
    run(world, seed=7, steps=60)
    before, before_months = stored(), stored_monthly()
    before_agencies = stored_agency_monthly()
    DailyFigures.objects.all().delete()
    MonthlyFigures.objects.all().delete()
    AgencyMonthlyFigures.objects.all().delete()
    call_command("reports", "rebuild")
    assert stored() == before
    assert stored_monthly() == before_months
    assert stored_agency_monthly() == before_agencies


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


def test_check_reports_an_agency_monthly_difference(world):
    from django.core.management.base import CommandError

    run(world, seed=10, steps=40)
    call_command("reports", "check")
    AgencyMonthlyFigures.objects.filter(pk=AgencyMonthlyFigures.objects.first().pk).update(received=999)
    with pytest.raises(CommandError, match="agency monthly"):
        call_command("reports", "check")


def test_a_procedure_changing_level_moves_its_figures_before_the_board_reads_them(world):
    """An import's bulk update changes a level without a signal: the next query refolds, so the
    full-online rate read from the agencies' roll-up equals the one read per procedure."""
    from datetime import date

    from motcua.catalogue.models import Procedure
    from motcua.reports import selectors
    from motcua.reports.selectors import Filters, figures

    run(world, seed=12, steps=60)
    year = Filters(start=date(2026, 1, 1), end=date(2026, 12, 31))
    before = figures(year)[()]
    assert before["full_online_received"] > 0
    # Every procedure becomes full-online, by a bulk update (no save, no signal).
    Procedure.objects.update(online_level="full")
    after = figures(year)[()]
    assert after["full_online_received"] == after["received"] > before["full_online_received"]
    assert stored_agency_monthly() == agency_monthly_of(
        monthly_of(computed_from_history()), full_online_procedures()
    )
    selectors.AGENCY_ROLL_UP = False
    try:
        per_procedure = figures(year)[()]
    finally:
        selectors.AGENCY_ROLL_UP = True
    assert per_procedure == after
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
