"""Reading the aggregates: the dashboard, the exports and the open data all ask ``figures``.

A query sums a monthly roll-up for the period's whole months and the daily figures for the
partial months at its edges (indexed ranges over month/day × agency) and adds the few
facts that are not events of a dossier: ratings and feedback (their own small tables), procedures'
published data (the catalogue) and the dossiers overdue right now (``reports.open_work``: counts
per agency × appointment day and month). No query reads the dossiers or their history.

Which monthly roll-up: without a procedure or field (filter or grouping), the agencies' (month ×
agency, a few thousand rows a year for a province); otherwise the monthly figures (month × agency ×
procedure).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connections, router
from django.db.models import BigIntegerField, Max, Q, Sum
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, TruncMonth

from motcua.catalogue.models import OnlineLevel, Procedure
from motcua.catalogue.selectors import procedure_completeness
from motcua.feedback.selectors import feedback_timeliness, rating_score_totals
from motcua.org.selectors import active_agencies
from motcua.reports.aggregates import ensure_folded, fold
from motcua.reports.models import COUNTERS, AgencyMonthlyFigures, DailyFigures, MonthlyFigures
from motcua.reports.open_work import agencies_sql, overdue_counts

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


# Whether queries may read the agencies' roll-up (the benchmark turns it off to measure the finer path).
AGENCY_ROLL_UP = True


def by_agency(filters: Filters, group_by: tuple[str, ...]) -> bool:
    """Whether the agencies' roll-up holds what is asked (no procedure or field asked)."""
    if not AGENCY_ROLL_UP:
        return False
    return not (filters.field_id or filters.procedure_id or {"procedure", "field"} & set(group_by))


def _narrowed(rows, filters: Filters):
    if filters.agency_ids is not None:
        rows = rows.filter(agency_id__in=sorted(filters.agency_ids))
    if filters.level:
        rows = rows.filter(agency__unit__level=filters.level)
    if filters.field_id:
        rows = rows.filter(procedure__field_id=filters.field_id)
    if filters.procedure_id:
        rows = rows.filter(procedure_id=filters.procedure_id)
    return rows


def _split(start: date, end: date) -> tuple[tuple[date, date] | None, list[tuple[date, date]]]:
    """The whole months of ``start``..``end`` (first day of the first, first day of the last) and
    the day ranges left at the edges (partial months)."""
    first = start if start.day == 1 else (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    after_end = end + timedelta(days=1)
    last = after_end.replace(day=1) - timedelta(days=1)  # the last day of the last whole month
    if first > last:
        return None, [(start, end)]
    edges = [
        (a, b) for a, b in ((start, first - timedelta(days=1)), (last + timedelta(days=1), end)) if a <= b
    ]
    return (first, last.replace(day=1)), edges


def _sources(filters: Filters, agencies_only: bool = False) -> list:
    """The querysets whose counters sum to the period's: a monthly roll-up for the whole months
    (the agencies' when ``agencies_only``), the daily figures for the partial months at the edges
    (each annotated or holding ``month``)."""
    months, edges = _split(filters.start, filters.end)
    out = []
    if months:
        model = AgencyMonthlyFigures if agencies_only else MonthlyFigures
        out.append(_narrowed(model.objects.filter(month__gte=months[0], month__lte=months[1]), filters))
    if edges:
        days = Q()
        for a, b in edges:
            days |= Q(day__gte=a, day__lte=b)
        out.append(_narrowed(DailyFigures.objects.filter(days), filters))
    return out


def names(model, ids) -> dict[int, tuple[str, str]]:
    """The code and name of the agencies or procedures ``ids`` (a breakdown's rows), as tuples. On
    PostgreSQL the ids are one array parameter: a unit's breakdown names a few hundred procedures,
    and a parameter each cost the statement more than the rows it reads."""
    rows = model.objects.order_by()
    if connections[rows.db].vendor == "postgresql":
        rows = rows.filter(id__in=RawSQL("SELECT unnest(%s::bigint[])", (sorted(ids),)))
    else:
        rows = rows.filter(id__in=sorted(ids))
    return {key: (code, name) for key, code, name in rows.values_list("id", "code", "name")}


def _key(row: dict, group_by: tuple[str, ...]) -> tuple:
    return tuple(row[GROUPS[name]] for name in group_by)


def _full_online(filters: Filters, groupings) -> set[int]:
    """The full-online procedures (asked once, so the sums read the figures' rows alone, no join),
    the agencies' roll-up folded by them first if a grouping is to read it; before anything, the
    events' pending contributions are added (``aggregates.fold``: nothing when none wait)."""
    fold()
    full_online = set(Procedure.objects.filter(online_level=OnlineLevel.FULL).values_list("id", flat=True))
    if any(by_agency(filters, group_by) for group_by in groupings):
        ensure_folded(full_online)
    return full_online


# The sums of a row's counters, as integers (PostgreSQL sums a bigint as a numeric). Aliases differ
# from the fields' names (Django refuses an aggregate named like a field).
SUMS = {f"sum_{name}": Cast(Sum(name), BigIntegerField()) for name in COUNTERS}
FULL_ONLINE = {"sum_full_online_received": "received", "sum_full_online_received_online": "received_online"}
COUNTED = {alias: alias[4:] for alias in [*SUMS, *FULL_ONLINE]}
# What a monthly roll-up's sums may be grouped by in ``_summed``'s own statement.
PLAIN_PATHS = frozenset({"agency_id", "procedure_id", "month"})


def _summed(model, filters: Filters, months: tuple[date, date], paths: list[str]) -> list[tuple] | None:
    """The counters of a monthly roll-up (``model``) summed per ``paths`` over ``months``, by a
    statement written here and read with the cursor, as (the group's paths, its counters not zero);
    ``None`` when the ORM's is needed (a unit level or a field asked, a grouping by field, the
    full-online counters of the monthly figures not grouped per procedure).

    A board asks two of these per view: built by the ORM, each cost more in Python (25 annotations
    resolved and compiled, then converted back value by value) than the database took to answer it.
    The statement is the ORM's: the whole months, the agencies, the procedure."""
    per_procedure = "procedure_id" in paths
    if filters.level or filters.field_id or not PLAIN_PATHS.issuperset(paths):
        return None
    if model is not AgencyMonthlyFigures and not per_procedure:
        return None
    if filters.agency_ids is not None and not filters.agency_ids:
        return []
    connection = connections[router.db_for_read(model)]
    q = connection.ops.quote_name
    columns = [f"CAST(SUM({q(name)}) AS bigint)" for name in COUNTERS]
    named = list(COUNTERS)
    if model is AgencyMonthlyFigures:
        # Grouped per procedure, a group is full-online or not as a whole: ``counters`` sets them.
        for alias, name in FULL_ONLINE.items():
            columns.append(f"CAST(SUM(CASE WHEN {q('full_online')} THEN {q(name)} ELSE 0 END) AS bigint)")
            named.append(COUNTED[alias])
    where = [f"{q('month')} >= %s", f"{q('month')} <= %s"]
    params: list = [connection.ops.adapt_datefield_value(month) for month in months]
    if filters.agency_ids is not None:
        condition, ids = agencies_sql(connection, filters.agency_ids)
        where.append(condition)
        params += ids
    if filters.procedure_id:
        where.append(f"{q('procedure_id')} = %s")
        params.append(filters.procedure_id)
    grouped = ", ".join(q(path) for path in paths)
    sql = (
        f"SELECT {grouped + ', ' if paths else ''}{', '.join(columns)} FROM {q(model._meta.db_table)} "
        f"WHERE {' AND '.join(where)}" + (f" GROUP BY {grouped}" if paths else "")
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    width = len(paths)
    month = paths.index("month") if "month" in paths else None
    out = []
    for row in found:
        key = list(row[:width])
        if month is not None and isinstance(key[month], str):  # SQLite returns the text stored
            key[month] = date.fromisoformat(key[month])
        out.append(
            (dict(zip(paths, key, strict=True)), {n: v for n, v in zip(named, row[width:], strict=True) if v})
        )
    return out


def counters(
    filters: Filters, group_by: tuple[str, ...] = (), *, full_online: set[int] | None = None
) -> dict[tuple, Counter]:
    """The summed counters per group (no query-time facts), reading whole months from a roll-up
    (``full_online``: from ``_full_online``, when the caller asked it already)."""
    if full_online is None:
        full_online = _full_online(filters, [group_by])
    agencies_only = by_agency(filters, group_by)
    # Grouped per procedure, a group is full-online or not as a whole: its full-online counters are
    # its own, set here, not summed behind a filter listing every full-online procedure.
    per_procedure = "procedure" in group_by
    out: dict[tuple, Counter] = defaultdict(Counter)
    months, _edges = _split(filters.start, filters.end)
    for rows in _sources(filters, agencies_only):
        paths = [GROUPS[name] for name in group_by if name != "month"]
        if "month" in group_by:
            paths.append("month")
        found = None if rows.model is DailyFigures else _summed(rows.model, filters, months, paths)
        if found is None:
            found = _orm_summed(rows, paths, full_online, per_procedure)
        for row, counts in found:
            if (
                per_procedure
                and rows.model is not AgencyMonthlyFigures
                and row["procedure_id"] in full_online
            ):
                for alias, name in FULL_ONLINE.items():
                    if name in counts:
                        counts[COUNTED[alias]] = counts[name]
            out[_key(row, group_by)].update(counts)
    if not group_by:
        out.setdefault((), Counter())
    return out


def _orm_summed(rows, paths: list[str], full_online: set[int], per_procedure: bool) -> list[tuple]:
    """``_summed`` through the ORM (any filter, any grouping, the daily figures)."""
    sums = dict(SUMS)
    if rows.model is AgencyMonthlyFigures or not per_procedure:
        is_full = (
            Q(full_online=True)
            if rows.model is AgencyMonthlyFigures
            else Q(procedure_id__in=sorted(full_online))
        )
        for alias, name in FULL_ONLINE.items():
            sums[alias] = Cast(Sum(name, filter=is_full), BigIntegerField())
    if "month" in paths and rows.model is DailyFigures:
        rows = rows.annotate(month=TruncMonth("day"))
    found = rows.values(*paths).annotate(**sums).order_by() if paths else [rows.aggregate(**sums)]
    return [(row, {COUNTED[k]: v for k, v in row.items() if v and k in COUNTED}) for row in found]


def figures(filters: Filters, group_by: tuple[str, ...] = ()) -> dict[tuple, Counter]:
    """Summed counters and query-time facts per group (``()`` for one total, keyed ``()``)."""
    out = counters(filters, group_by)
    _add_facts({group_by: out}, filters)
    return dict(out)


def figures_with_total(
    filters: Filters, group_by: tuple[str, ...], also: tuple[tuple[str, ...], ...] = ()
) -> tuple[Counter, dict[tuple, Counter], dict[tuple[str, ...], dict[tuple, Counter]]]:
    """The total and the groups of ``group_by`` in one pass: the counters are summed once per group
    and the total is their sum (every figure row falls in exactly one group); the facts (overdue
    dossiers, ratings, published procedures, feedback) are read once and added to both, and to the
    groupings ``also`` (the dashboard's trend by month, when its period is the same) summed beside."""
    full_online = _full_online(filters, [group_by, *also])
    groups = counters(filters, group_by, full_online=full_online)
    total: Counter = Counter()
    for group in groups.values():
        total.update(group)
    outs = {(): {(): total}, group_by: groups}
    for grouping in also:
        outs[grouping] = counters(filters, grouping, full_online=full_online)
    _add_facts(outs, filters)
    return outs[()][()], dict(groups), {grouping: dict(outs[grouping]) for grouping in also}


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


def _add_facts(outs: dict[tuple[str, ...], dict[tuple, Counter]], filters: Filters) -> None:
    """Add the query-time facts to the groups of each grouping in ``outs`` (each fact read once)."""
    groupings = [(group_by, out) for group_by, out in outs.items()]
    agencies = filters.agency_ids
    if filters.level:
        at_level = set(active_agencies().filter(unit__level=filters.level).values_list("id", flat=True))
        agencies = at_level if agencies is None else set(agencies) & at_level
    ratings = rating_score_totals(start=filters.start, end=filters.end, agency_ids=agencies)
    # Overdue dossiers and published procedures are a state now: no month holds them.
    states = [(g, out) for g, out in groupings if "month" not in g]
    # Without a procedure or field asked, the overdue dossiers are counted per agency alone.
    per_procedure = not all(by_agency(filters, g) for g, _ in states)
    overdue = overdue_counts(agency_ids=agencies, by_procedure=per_procedure) if states else []
    completeness = procedure_completeness(agency_ids=agencies) if states else []
    procedure_ids = {r["rating__dossier__procedure_id"] for r in ratings}
    procedure_ids |= {r.get("procedure_id") for r in overdue} | {r["procedure_id"] for r in completeness}
    procedure_ids.discard(None)
    by_field = any("field" in g for g, _ in groupings)
    fields = _procedure_fields(procedure_ids) if (by_field or filters.field_id) else {}

    def wanted(procedure_id) -> bool:
        if filters.procedure_id and procedure_id != filters.procedure_id:
            return False
        return not (filters.field_id and fields.get(procedure_id) != filters.field_id)

    for r in ratings:
        procedure_id = r["rating__dossier__procedure_id"]
        if not wanted(procedure_id):
            continue
        month = r["month"].date() if hasattr(r["month"], "date") else r["month"]
        for group_by, out in groupings:
            key = _facts_key(
                group_by,
                agency_id=r["rating__agency_id"],
                procedure_id=procedure_id,
                month=month,
                fields=fields,
            )
            if key is None:
                continue
            out[key]["score_sum"] += r["score_sum"]
            out[key]["score_count"] += r["score_count"]
            if r["question"] == "publicity":
                out[key]["publicity_score_sum"] += r["score_sum"]
                out[key]["publicity_score_count"] += r["score_count"]
    for r in overdue:
        if per_procedure and not wanted(r["procedure_id"]):
            continue
        for group_by, out in states:
            key = _facts_key(
                group_by,
                agency_id=r["competent_agency_id"],
                procedure_id=r.get("procedure_id"),
                fields=fields,
            )
            if key is not None:
                out[key]["overdue_open"] += r["overdue_open"]
    for group_by, out in states:
        seen_procedures: dict[tuple, set] = defaultdict(set)
        for r in completeness:
            key = _facts_key(
                group_by, agency_id=r["agency_id"], procedure_id=r["procedure_id"], fields=fields
            )
            # A procedure counts once per group (it may be published by several agencies of the group).
            if key is None or not wanted(r["procedure_id"]) or r["procedure_id"] in seen_procedures[key]:
                continue
            seen_procedures[key].add(r["procedure_id"])
            out[key]["procedures"] += 1
            out[key]["procedures_complete"] += int(r["complete"])
    # Feedback is to an agency, not about a procedure: only groupings without procedures hold it.
    feedback_groupings = [(g, out) for g, out in groupings if not ({"procedure", "field"} & set(g))]
    if feedback_groupings and not (filters.procedure_id or filters.field_id):
        for r in feedback_timeliness(start=filters.start, end=filters.end, agency_ids=agencies):
            for group_by, out in feedback_groupings:
                key = _facts_key(group_by, agency_id=r["agency_id"], month=r["month"])
                if key is not None:
                    out[key]["feedback"] += r["feedback"]
                    out[key]["feedback_on_time"] += r["feedback_on_time"]


def as_of():
    """When the figures last changed, the events' pending contributions added first (every level of
    the figures changes with each fold: the agencies' monthly rows, the smallest, say when)."""
    fold()
    return AgencyMonthlyFigures.objects.aggregate(at=Max("updated_at"))["at"]
