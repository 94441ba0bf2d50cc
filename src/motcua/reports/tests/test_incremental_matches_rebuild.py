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


def _instants(dossiers_due):
    """Instants around the workload's appointment dates: before the first, at and just around some,
    in the middle of a day (the dossiers due that day before the instant count, the later ones not),
    at a month's turn, and long after the last."""
    from datetime import timedelta

    dues = sorted(dossiers_due)
    picked = dues[:: max(1, len(dues) // 6)]
    out = [dues[0] - timedelta(days=1), dues[-1] + timedelta(days=400)]
    for due in picked:
        out += [
            due,
            due + timedelta(seconds=1),
            due - timedelta(hours=3),
            due.replace(day=1, hour=0, minute=0),
        ]
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_overdue_count_kept_event_by_event_equals_the_dossiers_at_any_instant(world, seed):
    """Pauses for supplements and payments, apologies' new dates, settlements, returns and
    withdrawals move or end a dossier's count: the open work kept by the subscriber equals the one
    computed from the dossiers, and the overdue count read from it equals the dossiers' own count at
    every instant, per agency and per procedure."""
    from motcua.dossiers.models import Dossier
    from motcua.dossiers.selectors import overdue_open_counts
    from motcua.reports import open_work

    dossiers = run(world, seed=seed)
    assert any(d.paused_at for d in dossiers) or any(d.status == "supplement_requested" for d in dossiers)
    incremental = open_work.stored()
    assert incremental[0], "the workload leaves dossiers in progress"
    assert incremental == open_work.computed()
    dues = Dossier.objects.exclude(due_at=None).values_list("due_at", flat=True)
    for at in _instants(dues):
        for by_procedure in (False, True):
            keys = ("competent_agency_id", "procedure_id") if by_procedure else ("competent_agency_id",)

            def as_set(rows, keys=keys):
                return {(*(r[k] for k in keys), r["overdue_open"]) for r in rows}

            expected = as_set(overdue_open_counts(at=at, by_procedure=by_procedure))
            assert as_set(open_work.overdue_counts(at=at, by_procedure=by_procedure)) == expected, at
            justice = {world.justice.id}
            assert as_set(
                open_work.overdue_counts(agency_ids=justice, at=at, by_procedure=by_procedure)
            ) == as_set(overdue_open_counts(agency_ids=justice, at=at, by_procedure=by_procedure))
    open_work.rebuild()
    assert open_work.stored() == incremental


def test_rebuild_restores_the_open_work_and_check_reports_a_difference(world):
    from django.core.management.base import CommandError

    from motcua.reports import open_work
    from motcua.reports.models import OpenDossier, OpenDueFigures

    run(world, seed=13, steps=60)
    before = open_work.stored()
    assert before[0]
    call_command("reports", "check")
    OpenDueFigures.objects.filter(pk=OpenDueFigures.objects.first().pk).update(open=999)
    with pytest.raises(CommandError, match="open work"):
        call_command("reports", "check")
    OpenDossier.objects.all().delete()
    OpenDueFigures.objects.all().delete()
    call_command("reports", "rebuild")
    assert open_work.stored() == before
    call_command("reports", "check")
