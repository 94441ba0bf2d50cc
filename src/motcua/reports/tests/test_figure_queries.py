"""The dashboard's sums read the monthly roll-up for whole months and the daily rows only for the
partial months at a period's edges, in one statement each, without joins or a grouping by
every column (the totals once grouped by all the row's columns: 7 s over 36,000 rows)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.reports.selectors import Filters, figures

pytestmark = pytest.mark.django_db


FIGURES = ("reports_dailyfigures", "reports_monthlyfigures", "reports_agencymonthlyfigures")


def _sums(queries, table=None):
    # Quoted, so "reports_monthlyfigures" does not match inside "reports_agencymonthlyfigures".
    tables = [f'"{t}"' for t in ((table,) if table else FIGURES)]
    return [q["sql"] for q in queries if any(t in q["sql"] for t in tables) and "SUM(" in q["sql"].upper()]


def test_the_totals_are_one_sum_without_grouping_or_join(world):
    with CaptureQueriesContext(connection) as queries:
        figures(
            Filters(start=date(2026, 1, 1), end=date(2026, 12, 31), agency_ids=frozenset({world.justice.id}))
        )
    (sql,) = _sums(queries.captured_queries)
    assert "GROUP BY" not in sql.upper()
    assert "JOIN" not in sql.upper()


def test_a_breakdown_groups_by_its_key_alone(world):
    with CaptureQueriesContext(connection) as queries:
        figures(Filters(start=date(2026, 1, 1), end=date(2026, 12, 31)), group_by=("agency",))
    (sql,) = _sums(queries.captured_queries)
    assert "JOIN" not in sql.upper()
    assert sql.upper().split("GROUP BY")[1].count(",") == 0


def test_whole_months_are_read_from_the_roll_up_and_only_the_edges_from_the_days(world):
    with CaptureQueriesContext(connection) as queries:
        figures(Filters(start=date(2026, 1, 1), end=date(2026, 12, 31)))
    # No procedure or field asked: the agencies' roll-up (month × agency), not the finer months.
    assert len(_sums(queries.captured_queries, "reports_agencymonthlyfigures")) == 1
    assert _sums(queries.captured_queries, "reports_monthlyfigures") == []
    assert _sums(queries.captured_queries, "reports_dailyfigures") == []

    with CaptureQueriesContext(connection) as queries:
        figures(Filters(start=date(2026, 1, 15), end=date(2026, 6, 10)))
    assert len(_sums(queries.captured_queries, "reports_agencymonthlyfigures")) == 1  # February to May
    (days,) = _sums(queries.captured_queries, "reports_dailyfigures")  # both edges in one statement
    assert "2026-01-15" in days and "2026-06-10" in days


def test_the_dashboard_sums_once_per_view_and_counts_the_overdue_once(world):
    from motcua.reports.dashboard import Selection, board
    from motcua.reports.periods import period_of

    selection = Selection(period=period_of("year", date(2026, 6, 1)), reach=frozenset({world.justice.id}))
    with CaptureQueriesContext(connection) as queries:
        board(selection)
    sums = _sums(queries.captured_queries)
    # The breakdown (the total is derived from it) and the 12-month trend: one statement each.
    assert len(sums) == 2, sums
    # The overdue count reads the open work (counts per appointment day and month, and the dossiers
    # due today), never the dossiers: at a million dossiers the province's board read 100,000 of them.
    assert not [q["sql"] for q in queries.captured_queries if '"dossiers_dossier"."due_at"' in q["sql"]]
    overdue = [q["sql"] for q in queries.captured_queries if '"reports_opendue' in q["sql"]]
    today = [q["sql"] for q in queries.captured_queries if 'FROM "reports_opendossier"' in q["sql"]]
    assert len(overdue) == 2 and len(today) == 1, (overdue, today)  # months before, days of this month


@pytest.mark.parametrize("asked", ["procedure", "field", "group"])
def test_a_procedure_or_field_asked_reads_the_monthly_figures_per_procedure(world, asked):
    year = {"start": date(2026, 1, 1), "end": date(2026, 12, 31)}
    if asked == "procedure":
        query = {"filters": Filters(**year, procedure_id=world.procedure.id)}
    elif asked == "field":
        query = {"filters": Filters(**year, field_id=world.procedure.field_id)}
    else:
        query = {"filters": Filters(**year), "group_by": ("procedure",)}
    with CaptureQueriesContext(connection) as queries:
        figures(**query)
    assert len(_sums(queries.captured_queries, "reports_monthlyfigures")) == 1
    assert _sums(queries.captured_queries, "reports_agencymonthlyfigures") == []


def test_a_years_board_reads_each_fact_once_for_the_breakdown_and_the_trend(world):
    """The 12-month trend of a year's board covers the year itself: ratings, feedback and the
    full-online procedures are read once for both (they were read twice)."""
    from motcua.reports.dashboard import Selection, board
    from motcua.reports.periods import period_of

    selection = Selection(period=period_of("year", date(2026, 6, 1)), reach=frozenset({world.justice.id}))
    board(selection)  # the first view folds the full-online procedures (a new database has none folded)
    with CaptureQueriesContext(connection) as queries:
        found = board(selection)
    assert len(found.trend) == 0 or all(month.year == 2026 for month, _values in found.trend)
    for table in ('"feedback_ratingscore"', '"feedback_feedback"', '"reports_fullonlinefold"'):
        assert len([q for q in queries.captured_queries if f"FROM {table}" in q["sql"]]) == 1, table


def test_a_units_board_asks_the_units_descendants_once(world):
    from motcua.reports.dashboard import Selection, board
    from motcua.reports.periods import period_of

    selection = Selection(
        period=period_of("year", date(2026, 6, 1)), reach=frozenset({world.justice.id}), agency=world.justice
    )
    board(selection)
    with CaptureQueriesContext(connection) as queries:
        board(Selection(period=selection.period, reach=selection.reach, agency=world.justice))
    assert len([q for q in queries.captured_queries if 'WHERE "org_agency"."parent_id" IN' in q["sql"]]) <= 1
