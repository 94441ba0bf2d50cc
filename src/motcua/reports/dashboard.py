"""What the dashboard shows for a selection: the figures, the indicators, the score, the breakdown
one level down (province → agency → procedure) and the monthly trend. Shared by the page and its
CSV/XLSX exports, so a file holds what the page showed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from motcua.catalogue.models import Procedure
from motcua.org.models import Agency
from motcua.org.selectors import descendant_ids
from motcua.reports.indicators import BY_CODE, values
from motcua.reports.periods import Period, months_back
from motcua.reports.score766 import Score, score
from motcua.reports.selectors import Filters, figures, figures_with_total, names

# The cards, in the order a leader reads them.
CARDS = (
    "received",
    "online_rate",
    "full_online_rate",
    "on_time_rate",
    "settled_late",
    "overdue_open",
    "online_payment_rate",
    "digitization_rate",
    "electronic_result_rate",
    "satisfaction",
)
# The columns of a breakdown row (and of the CSV file).
BREAKDOWN = (
    "received",
    "received_online",
    "received_counter",
    "received_post",
    "online_rate",
    "settled",
    "settled_on_time",
    "settled_late",
    "on_time_rate",
    "overdue_open",
    "apologies",
    "supplement_repeats",
    "time_ratio",
    "online_payment_rate",
    "digitization_rate",
    "electronic_result_rate",
    "reuse_rate",
    "satisfaction",
)


@dataclass(frozen=True)
class Selection:
    period: Period
    reach: frozenset[int]  # every agency the official may see
    agency: Agency | None = None
    level: str | None = None
    field_id: int | None = None
    procedure: Procedure | None = None

    @cached_property
    def agency_ids(self) -> frozenset[int]:
        # Cached: a board asks it for every query's filters (the unit's descendants, one query).
        if self.agency is None:
            return self.reach
        return frozenset(descendant_ids([self.agency.id]) & self.reach)

    def filters(self, start: date | None = None, end: date | None = None) -> Filters:
        return Filters(
            start=start or self.period.start,
            end=end or self.period.end,
            agency_ids=self.agency_ids,
            level=self.level,
            field_id=self.field_id,
            procedure_id=self.procedure.id if self.procedure else None,
        )

    @property
    def breakdown_by(self) -> str | None:
        if self.procedure is not None:
            return None
        return "procedure" if self.agency is not None else "agency"


@dataclass(frozen=True)
class Row:
    key: int
    code: str
    name: str
    values: dict
    score: Score | None


@dataclass(frozen=True)
class Board:
    selection: Selection
    totals: Counter
    values: dict
    score: Score
    rows: list[Row]
    trend: list[tuple[date, dict]]


def board(selection: Selection) -> Board:
    rows: list[Row] = []
    by = selection.breakdown_by
    start = max(months_back(selection.period.end, 12), date(2000, 1, 1))
    trend_filters = selection.filters(start=start)
    # The 12-month trend shares the period's facts when its period is the same (a year's board).
    same = trend_filters == selection.filters()
    trend_groups = None
    if by:
        # One pass: the figures grouped one level down, and the total derived from them.
        totals, groups, also = figures_with_total(
            selection.filters(), (by,), also=(("month",),) if same else ()
        )
        trend_groups = also.get(("month",))
        model = Agency if by == "agency" else Procedure
        # Only what a row shows (a procedure's row holds its form, fees' notes, legal basis...).
        named = names(model, [k[0] for k in groups])
        for (key,), group_totals in groups.items():
            code, name = named[key]
            rows.append(
                Row(
                    key,
                    code,
                    name,
                    values(group_totals),
                    score(group_totals) if by == "agency" else None,
                )
            )
        rows.sort(key=lambda r: (-(r.values["received"] or 0), r.name))
    else:
        totals = figures(selection.filters()).get((), Counter())
    if trend_groups is None:
        trend_groups = figures(trend_filters, group_by=("month",))
    trend = sorted(((key[0], values(t)) for key, t in trend_groups.items()), key=lambda item: item[0])
    return Board(selection, totals, values(totals), score(totals), rows, trend)


def indicator_label(code: str) -> str:
    return str(BY_CODE[code].label)


def display(code: str, value) -> str:
    """A value as the page and the files show it: rates in per cent, averages with two decimals."""
    if value is None:
        return "—"
    kind = BY_CODE[code].kind
    if kind == "rate":
        return f"{value * 100:.1f} %".replace(".", ",")
    if kind in ("average", "ratio"):
        return f"{value:.2f}".replace(".", ",")
    return f"{value:,}".replace(",", ".")
