"""Writing the daily and monthly figures: the subscriber writes each event's contribution as a
pending row (``PendingFigures``, an INSERT and nothing else), ``fold`` adds the pending rows to
their day's, month's and agency's month's rows and deletes them, exactly once, and ``rebuild``
recomputes all of them from the history (``motcua reports rebuild``)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from functools import cache

from django.db import connection, transaction
from django.utils import timezone

from motcua.catalogue.models import OnlineLevel, Procedure
from motcua.documents.rates import digitization_as_of
from motcua.dossiers.event_kinds import EventKind
from motcua.dossiers.models import DossierEvent
from motcua.reports import open_work
from motcua.reports.counting import SETTLING, EventFacts, contribution
from motcua.reports.models import (
    COUNTERS,
    AgencyMonthlyFigures,
    DailyFigures,
    FullOnlineFold,
    MonthlyFigures,
    PendingFigures,
)
from motcua.signing.selectors import electronic_result_signed


def _contribution(facts: EventFacts, prior_supplements: int) -> Counter:
    digitized = reused = electronic = False
    if facts.kind in SETTLING:
        digitized, reused = digitization_as_of(facts.dossier_id, facts.at)
    elif facts.kind == EventKind.RETURNED:
        electronic = electronic_result_signed(facts.dossier_id, facts.at)
    return contribution(
        facts,
        prior_supplements=prior_supplements,
        digitized=digitized,
        reused=reused,
        electronic_result=electronic,
    )


def month_of(day: date) -> date:
    """The month (its first day) a day's figures roll up into."""
    return day.replace(day=1)


def _upsert_sql(model, period_column: str, names: tuple[str, ...], *, by_level: bool = False) -> str:
    """INSERT … ON CONFLICT DO UPDATE adding the counters ``names`` to one row of ``model``.

    Parameters: the period, the agency id, the procedure id (or, ``by_level``, the procedure id
    whose level decides ``full_online``, then ``OnlineLevel.FULL``), the counts, the time.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    q = connection.ops.quote_name
    third = "full_online" if by_level else "procedure_id"
    updates = ", ".join(f"{q(n)} = {table}.{q(n)} + excluded.{q(n)}" for n in names)
    # The counters not named take their default (0) only on PostgreSQL's INSERT if listed: list them all.
    zeros = [n for n in COUNTERS if n not in names]
    columns = ", ".join(q(c) for c in [period_column, "agency_id", third, *names, "updated_at", *zeros])
    values = ", ".join(["%s"] * (len(names) + 1) + ["0"] * len(zeros))
    if by_level:
        # The level is the procedure's, read by the statement itself (no round trip to ask it).
        source = (
            f"SELECT %s, %s, ({q('online_level')} = %s), {values} "
            f"FROM {q(Procedure._meta.db_table)} WHERE {q('id')} = %s"
        )
    else:
        source = f"VALUES (%s, %s, %s, {values})"
    return (
        f"INSERT INTO {table} ({columns}) {source} "
        f"ON CONFLICT ({q(period_column)}, {q('agency_id')}, {q(third)}) DO UPDATE SET {updates}, "
        f"{q('updated_at')} = excluded.{q('updated_at')}"
    )


@cache
def _add_statements(vendor: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """The statements adding ``names`` to a day's, its month's and its agency's month's rows: one on
    PostgreSQL (the first two as data-modifying WITH clauses of the third), three elsewhere."""
    statements = (
        _upsert_sql(DailyFigures, "day", names),
        _upsert_sql(MonthlyFigures, "month", names),
        _upsert_sql(AgencyMonthlyFigures, "month", names, by_level=True),
    )
    if vendor == "postgresql":
        return (f"WITH daily AS ({statements[0]}), monthly AS ({statements[1]}) {statements[2]}",)
    return statements


def add(key, counts: Counter) -> None:
    """Add ``counts`` to the row of ``key`` (day, agency id, procedure id), to its month's row and to
    its agency's month's row, creating them: upserts (INSERT … ON CONFLICT DO UPDATE, on PostgreSQL
    and SQLite alike, one statement in all on PostgreSQL), so concurrent events on the same row add
    up instead of overwriting each other; nothing is read first."""
    if not counts:
        return
    names = tuple(name for name in COUNTERS if counts.get(name))
    day, agency_id, procedure_id = key
    month = month_of(day)
    now = timezone.now()
    amounts = [counts[n] for n in names]
    params = (
        [day, agency_id, procedure_id, *amounts, now],
        [month, agency_id, procedure_id, *amounts, now],
        [month, agency_id, OnlineLevel.FULL, *amounts, now, procedure_id],
    )
    statements = _add_statements(connection.vendor, names)
    with connection.cursor() as cursor:
        if len(statements) == 1:
            cursor.execute(statements[0], [*params[0], *params[1], *params[2]])
        else:
            for sql, values in zip(statements, params, strict=True):
                cursor.execute(sql, values)


@cache
def _pending_sql() -> str:
    q = connection.ops.quote_name
    columns = ", ".join(q(c) for c in ("day", "agency_id", "procedure_id", "counts"))
    return f"INSERT INTO {q(PendingFigures._meta.db_table)} ({columns}) VALUES (%s, %s, %s, %s)"


def contribution_of(event) -> tuple[EventFacts, Counter]:
    """The event's facts and what it adds to its day's figures (a second request for a supplement
    counts apart, so the earlier requests of the dossier are counted)."""
    facts = EventFacts.of(event)
    prior = 0
    if facts.kind == EventKind.SUPPLEMENT_REQUESTED:
        prior = DossierEvent.objects.filter(
            dossier_id=facts.dossier_id, kind=EventKind.SUPPLEMENT_REQUESTED, seq__lt=event.seq
        ).count()
    return facts, _contribution(facts, prior)


def follow_history(event) -> None:
    """Subscriber (dossiers/subscribers.py): write the event's contribution to its day's figures as a
    pending row (``fold`` adds it) and move the dossier's count in the open work
    (``reports.open_work``), in its transaction."""
    facts, counts = contribution_of(event)
    if counts:
        day, agency_id, procedure_id = facts.key
        with connection.cursor() as cursor:
            cursor.execute(_pending_sql(), [day, agency_id, procedure_id, json.dumps(dict(counts))])
    open_work.follow(event)


# How many pending rows one fold transaction claims (a busy province writes a few per second).
FOLD_BATCH = 5000


def _claim(limit: int) -> list[tuple]:
    """Delete up to ``limit`` pending rows and return them, in one statement: on PostgreSQL rows
    another fold holds are skipped (``FOR UPDATE SKIP LOCKED``), so two folds never add the same row;
    SQLite has one writer at a time (the statement takes the write lock), so folds take turns."""
    q = connection.ops.quote_name
    table = q(PendingFigures._meta.db_table)
    lock = " FOR UPDATE SKIP LOCKED" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE {q('id')} IN "
            f"(SELECT {q('id')} FROM {table} ORDER BY {q('id')} LIMIT %s{lock}) "
            f"RETURNING {q('day')}, {q('agency_id')}, {q('procedure_id')}, {q('counts')}",
            [limit],
        )
        return cursor.fetchall()


def fold(limit: int = FOLD_BATCH) -> int:
    """Add the pending contributions to the figures and delete them, ``limit`` at a time, each batch
    in one transaction (claimed, added, deleted: exactly once, or not at all); returns how many were
    added. The periodic job ``motcua.reports.fold`` runs it, and every query of the figures first
    (``selectors``), so a page never shows figures older than its own request."""
    folded = 0
    # Nothing pending (every page read between two events): one indexed read, no transaction to
    # begin and commit around an empty DELETE (three round trips a board paid for nothing).
    if not PendingFigures.objects.exists():
        return folded
    while True:
        with transaction.atomic():
            rows = _claim(limit)
            totals: dict[tuple, Counter] = defaultdict(Counter)
            for day, agency_id, procedure_id, counts in rows:
                if isinstance(day, str):  # SQLite returns the text stored
                    day = date.fromisoformat(day)
                if isinstance(counts, str):
                    counts = json.loads(counts)
                totals[(day, agency_id, procedure_id)].update(counts)
            for key in sorted(totals):  # one order for every fold: no deadlock between two
                add(key, totals[key])
        folded += len(rows)
        if len(rows) < limit:
            return folded


def _history() -> Iterable[EventFacts]:
    rows = (
        DossierEvent.objects.order_by("dossier_id", "seq")
        .values_list(
            "dossier_id",
            "kind",
            "at",
            "data",
            "dossier__competent_agency_id",
            "dossier__procedure_id",
            "dossier__channel",
            "dossier__received_at",
            "dossier__due_at",
            "dossier__processing_minutes",
        )
        .iterator(chunk_size=5000)
    )
    for row in rows:
        yield EventFacts(*row)


def computed_from_history() -> dict[tuple, Counter]:
    """Every row's counters, computed from the dossiers' history alone."""
    totals: dict[tuple, Counter] = defaultdict(Counter)
    supplements: Counter = Counter()
    for facts in _history():
        totals[facts.key].update(_contribution(facts, supplements[facts.dossier_id]))
        if facts.kind == EventKind.SUPPLEMENT_REQUESTED:
            supplements[facts.dossier_id] += 1
    return {key: counts for key, counts in totals.items() if counts}


def monthly_of(daily: dict[tuple, Counter]) -> dict[tuple, Counter]:
    """The monthly rows that daily rows roll up into (the roll-up's one definition: a sum)."""
    months: dict[tuple, Counter] = defaultdict(Counter)
    for (day, agency, procedure), counts in daily.items():
        months[(month_of(day), agency, procedure)].update(counts)
    return {key: counts for key, counts in months.items() if counts}


def full_online_procedures() -> set[int]:
    """The procedures offered fully online now (the agencies' roll-up keeps them apart)."""
    return set(Procedure.objects.filter(online_level=OnlineLevel.FULL).values_list("id", flat=True))


def agency_monthly_of(monthly: dict[tuple, Counter], full_online: set[int]) -> dict[tuple, Counter]:
    """The agencies' monthly rows that monthly rows roll up into: a sum over the procedures, apart
    for those offered fully online (``full_online``) and the others."""
    rows: dict[tuple, Counter] = defaultdict(Counter)
    for (month, agency, procedure), counts in monthly.items():
        rows[(month, agency, procedure in full_online)].update(counts)
    return {key: counts for key, counts in rows.items() if counts}


def _lock_figures() -> None:
    if connection.vendor == "postgresql":
        # Events recorded meanwhile wait for the new figures instead of being added to rows deleted
        # here (their pending rows are written after the rebuild, which did not see their events).
        models = (DailyFigures, MonthlyFigures, AgencyMonthlyFigures, PendingFigures)
        tables = ", ".join(m._meta.db_table for m in models)
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")


@transaction.atomic
def rebuild() -> int:
    """Replace every daily and monthly figure by its value computed from the history; returns the
    daily rows written."""
    _lock_figures()
    totals = computed_from_history()
    monthly = monthly_of(totals)
    # The pending contributions are of events the history read holds: the rebuild counts them.
    PendingFigures.objects.all().delete()
    DailyFigures.objects.all().delete()
    MonthlyFigures.objects.all().delete()
    AgencyMonthlyFigures.objects.all().delete()
    DailyFigures.objects.bulk_create(
        (
            DailyFigures(day=day, agency_id=agency, procedure_id=procedure, **counts)
            for (day, agency, procedure), counts in totals.items()
        ),
        batch_size=2000,
    )
    MonthlyFigures.objects.bulk_create(
        (
            MonthlyFigures(month=month, agency_id=agency, procedure_id=procedure, **counts)
            for (month, agency, procedure), counts in monthly.items()
        ),
        batch_size=2000,
    )
    full_online = full_online_procedures()
    AgencyMonthlyFigures.objects.bulk_create(
        (
            AgencyMonthlyFigures(month=month, agency_id=agency, full_online=full, **counts)
            for (month, agency, full), counts in agency_monthly_of(monthly, full_online).items()
        ),
        batch_size=2000,
    )
    _fold_as(full_online)
    return len(totals)


def _fold_as(procedures: set[int]) -> None:
    FullOnlineFold.objects.all().delete()
    FullOnlineFold.objects.bulk_create(FullOnlineFold(procedure_id=p) for p in sorted(procedures))


def ensure_folded(full_online: set[int]) -> None:
    """Make the agencies' monthly rows fold the procedures by their online level now
    (``full_online``): when a level changed since they were folded (by any path: a form, an import's
    bulk update), recompute, from the monthly figures, the rows of the agencies holding figures of
    the procedures whose level changed. Reads one small table when nothing changed."""
    folded = set(FullOnlineFold.objects.values_list("procedure_id", flat=True))
    if folded == full_online:
        return
    with transaction.atomic():
        _lock_figures()
        # Read again under the lock: another request may have refolded meanwhile.
        folded = set(FullOnlineFold.objects.values_list("procedure_id", flat=True))
        changed = folded ^ full_online
        if not changed:
            return
        agencies = sorted(
            set(
                MonthlyFigures.objects.filter(procedure_id__in=sorted(changed))
                .values_list("agency_id", flat=True)
                .distinct()
            )
        )
        monthly = _stored(MonthlyFigures.objects.filter(agency_id__in=agencies), "month")
        AgencyMonthlyFigures.objects.filter(agency_id__in=agencies).delete()
        AgencyMonthlyFigures.objects.bulk_create(
            (
                AgencyMonthlyFigures(month=month, agency_id=agency, full_online=full, **counts)
                for (month, agency, full), counts in agency_monthly_of(monthly, full_online).items()
            ),
            batch_size=2000,
        )
        _fold_as(full_online)


def _stored(rows, period_column: str, third: str = "procedure_id") -> dict[tuple, Counter]:
    out = {}
    for row in rows.values(period_column, "agency_id", third, *COUNTERS):
        key = (row.pop(period_column), row.pop("agency_id"), row.pop(third))
        out[key] = +Counter(row)
    return out


def stored() -> dict[tuple, Counter]:
    """The daily figures as stored (to compare with ``computed_from_history``)."""
    return _stored(DailyFigures.objects.all(), "day")


def stored_monthly() -> dict[tuple, Counter]:
    """The monthly figures as stored (to compare with ``monthly_of(computed_from_history())``)."""
    return _stored(MonthlyFigures.objects.all(), "month")


def stored_agency_monthly() -> dict[tuple, Counter]:
    """The agencies' monthly figures as stored (to compare with ``agency_monthly_of``)."""
    return {k: v for k, v in _stored(AgencyMonthlyFigures.objects.all(), "month", "full_online").items() if v}
