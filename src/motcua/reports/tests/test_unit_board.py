"""A unit's board (a department, a commune): its breakdown per procedure is one sum over the unit's
monthly figures, its trend one over the agencies' roll-up, and nothing else costs a statement it
does not need; the figures are those of the finer path."""

from collections import Counter
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.reports import selectors
from motcua.reports.dashboard import Selection, board
from motcua.reports.periods import period_of
from motcua.reports.selectors import Filters, counters, figures
from motcua.reports.tests.workload import run

pytestmark = pytest.mark.django_db


def _unit(world) -> Selection:
    return Selection(
        period=period_of("year", date(2026, 6, 1)), reach=frozenset({world.justice.id}), agency=world.justice
    )


def _rows(found):
    return [(r.key, r.code, r.name, r.values, r.score) for r in found.rows]


def test_a_units_board_asks_each_thing_once_and_folds_nothing_when_nothing_waits(world):
    run(world, seed=4, steps=40)
    board(_unit(world))  # folds the pending figures and the full-online procedures
    with CaptureQueriesContext(connection) as queries:
        found = board(_unit(world))
    assert found.rows and found.totals["received"] > 0
    statements = [q["sql"] for q in queries.captured_queries]
    # Nothing pending: one read, no transaction around an empty DELETE.
    assert not [s for s in statements if "DELETE" in s.upper() or "SAVEPOINT" in s.upper()], statements
    # The unit's descendants, the pending check, the full-online procedures and their fold, the
    # breakdown's and the trend's sums, ratings, overdue, published procedures, feedback, the names.
    assert len(statements) <= 11, statements
    sums = [s for s in statements if "SUM(" in s.upper() and '"reports_monthlyfigures"' in s]
    assert len(sums) == 1, sums
    # A group per procedure is full-online or not as a whole: the sums list no procedure.
    assert '"procedure_id" IN' not in sums[0] and "CASE" not in sums[0].upper(), sums[0]
    trend = [s for s in statements if "SUM(" in s.upper() and '"reports_agencymonthlyfigures"' in s]
    assert len(trend) == 1, trend
    assert not [s for s in statements if '"reports_dailyfigures"' in s]


def test_a_units_board_holds_the_figures_of_the_finer_path(world):
    run(world, seed=5, steps=80)
    found = board(_unit(world))
    selectors.AGENCY_ROLL_UP = False
    try:
        finer = board(_unit(world))
        # The unit's total summed over its monthly figures with the full-online procedures listed.
        listed = figures(found.selection.filters())[()]
    finally:
        selectors.AGENCY_ROLL_UP = True
    assert found.totals["full_online_received"] > 0
    assert found.totals["received"] > found.totals["full_online_received"]  # a partial procedure too
    assert found.totals == finer.totals == listed
    assert found.values == finer.values and found.trend == finer.trend and found.score == finer.score
    assert _rows(found) == _rows(finer)
    assert found.totals == figures(found.selection.filters())[()]  # the agencies' roll-up agrees


@pytest.mark.parametrize("roll_up", [True, False])
def test_the_counters_per_procedure_sum_to_the_total_with_partial_months(world, roll_up):
    """Edges read from the daily figures, per procedure: the full-online counters set per group
    equal those summed behind the filter."""
    run(world, seed=6, steps=80)
    selectors.AGENCY_ROLL_UP = roll_up
    try:
        for agency_ids in (frozenset({world.justice.id}), None, frozenset()):
            filters = Filters(start=date(2026, 10, 10), end=date(2026, 11, 20), agency_ids=agency_ids)
            total: Counter = Counter()
            for group in counters(filters, ("procedure",)).values():
                total.update(group)
            assert total == counters(filters)[()]
            by_month: Counter = Counter()
            for group in counters(filters, ("procedure", "month")).values():
                by_month.update(group)
            assert by_month == total
            if agency_ids:
                assert total["full_online_received"] > 0
    finally:
        selectors.AGENCY_ROLL_UP = True
