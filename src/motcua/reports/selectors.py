"""Reading the aggregates: the dashboard, the exports and the open data all ask ``figures``.

A query sums the daily figures of the period (an indexed range over day × agency) and adds the few
facts that are not events of a dossier: ratings and feedback (their own small tables), procedures'
published data (the catalogue) and the dossiers overdue right now (an indexed count). No query
reads the dossiers' history.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Max, Q, Sum
from django.db.models.functions import TruncMonth

from motcua.catalogue.models import OnlineLevel, Procedure
from motcua.catalogue.selectors import procedure_completeness
from motcua.dossiers.selectors import overdue_open_counts
from motcua.feedback.selectors import feedback_timeliness, rating_score_totals
from motcua.org.selectors import active_agencies
from motcua.reports.models import COUNTERS, DailyFigures

# What a figure may be grouped by, and the path of each in the daily figures.
GROUPS = {
    "agency": "agency_id",
    "procedure": "procedure_id",
    "field": "procedure__field_id",
    "month": "month",
}


@dataclass(frozen=True)
class Filters:
    """Which figures: the agencies (the official's reach, narrowed to a unit), the period (local
    dates, both included), and optionally a unit level, a field and a procedure."""

    start: date
    end: date
    agency_ids: frozenset[int] | None = None  # None: every agency (the public page, open data)
    level: str | None = None  # the agency's administrative unit level (province, commune...)
    field_id: int | None = None
    procedure_id: int | None = None
    extra: dict = field(default_factory=dict)


def _daily(filters: Filters):
    rows = DailyFigures.objects.filter(day__gte=filters.start, day__lte=filters.end)
    if filters.agency_ids is not None:
        rows = rows.filter(agency_id__in=sorted(filters.agency_ids))
    if filters.level:
        rows = rows.filter(agency__unit__level=filters.level)
    if filters.field_id:
        rows = rows.filter(procedure__field_id=filters.field_id)
    if filters.procedure_id:
        rows = rows.filter(procedure_id=filters.procedure_id)
    return rows


def _key(row: dict, group_by: tuple[str, ...]) -> tuple:
    return tuple(row[GROUPS[name]] if name != "month" else row["month"] for name in group_by)


def figures(filters: Filters, group_by: tuple[str, ...] = ()) -> dict[tuple, Counter]:
    """Summed counters and query-time facts per group (``()`` for one total, keyed ``()``)."""
    paths = [GROUPS[name] for name in group_by if name != "month"]
    rows = _daily(filters)
    if "month" in group_by:
        rows = rows.annotate(month=TruncMonth("day"))
        paths.append("month")
    full = Q(procedure__online_level=OnlineLevel.FULL)
    # Aliases differ from the fields' names (Django refuses an aggregate named like a field).
    sums = {f"sum_{name}": Sum(name) for name in COUNTERS}
    sums["sum_full_online_received"] = Sum("received", filter=full)
    sums["sum_full_online_received_online"] = Sum("received_online", filter=full)
    out: dict[tuple, Counter] = defaultdict(Counter)
    for row in rows.values(*paths).annotate(**sums).order_by():
        out[_key(row, group_by)].update({k[4:]: v for k, v in row.items() if k in sums and v})
    _add_facts(out, filters, group_by)
    return dict(out)


def _procedure_fields(procedure_ids) -> dict[int, int]:
    return dict(Procedure.objects.filter(id__in=list(procedure_ids)).values_list("id", "field_id"))


def _facts_key(group_by, *, agency_id=None, procedure_id=None, month=None, fields=None):
    """The group a fact row falls in; ``None`` when the fact has no value for a grouping asked."""
    key = []
    for name in group_by:
        if name == "agency":
            value = agency_id
        elif name == "procedure":
            value = procedure_id
        elif name == "field":
            value = fields.get(procedure_id) if procedure_id is not None else None
        else:
            value = month
        if value is None:
            return None
        key.append(value)
    return tuple(key)


def _add_facts(out: dict[tuple, Counter], filters: Filters, group_by: tuple[str, ...]) -> None:
    agencies = filters.agency_ids
    if filters.level:
        at_level = set(active_agencies().filter(unit__level=filters.level).values_list("id", flat=True))
        agencies = at_level if agencies is None else set(agencies) & at_level
    ratings = rating_score_totals(start=filters.start, end=filters.end, agency_ids=agencies)
    overdue = [] if "month" in group_by else overdue_open_counts(agency_ids=agencies)
    completeness = [] if "month" in group_by else procedure_completeness(agency_ids=agencies)
    procedure_ids = {r["rating__dossier__procedure_id"] for r in ratings}
    procedure_ids |= {r["procedure_id"] for r in overdue} | {r["procedure_id"] for r in completeness}
    fields = _procedure_fields(procedure_ids) if ("field" in group_by or filters.field_id) else {}

    def wanted(procedure_id) -> bool:
        if filters.procedure_id and procedure_id != filters.procedure_id:
            return False
        return not (filters.field_id and fields.get(procedure_id) != filters.field_id)

    for r in ratings:
        procedure_id = r["rating__dossier__procedure_id"]
        month = r["month"].date() if hasattr(r["month"], "date") else r["month"]
        key = _facts_key(
            group_by, agency_id=r["rating__agency_id"], procedure_id=procedure_id, month=month, fields=fields
        )
        if key is None or not wanted(procedure_id):
            continue
        out[key]["score_sum"] += r["score_sum"]
        out[key]["score_count"] += r["score_count"]
        if r["question"] == "publicity":
            out[key]["publicity_score_sum"] += r["score_sum"]
            out[key]["publicity_score_count"] += r["score_count"]
    for r in overdue:
        key = _facts_key(
            group_by, agency_id=r["competent_agency_id"], procedure_id=r["procedure_id"], fields=fields
        )
        if key is not None and wanted(r["procedure_id"]):
            out[key]["overdue_open"] += r["overdue_open"]
    seen_procedures: dict[tuple, set] = defaultdict(set)
    for r in completeness:
        key = _facts_key(group_by, agency_id=r["agency_id"], procedure_id=r["procedure_id"], fields=fields)
        # A procedure counts once per group (it may be published by several agencies of the group).
        if key is None or not wanted(r["procedure_id"]) or r["procedure_id"] in seen_procedures[key]:
            continue
        seen_procedures[key].add(r["procedure_id"])
        out[key]["procedures"] += 1
        out[key]["procedures_complete"] += int(r["complete"])
    if not ({"procedure", "field"} & set(group_by)) and not (filters.procedure_id or filters.field_id):
        for r in feedback_timeliness(start=filters.start, end=filters.end, agency_ids=agencies):
            key = _facts_key(group_by, agency_id=r["agency_id"], month=r["month"])
            if key is not None:
                out[key]["feedback"] += r["feedback"]
                out[key]["feedback_on_time"] += r["feedback_on_time"]


def as_of():
    """When the figures last changed (they change in the transaction of each event)."""
    return DailyFigures.objects.aggregate(at=Max("updated_at"))["at"]
