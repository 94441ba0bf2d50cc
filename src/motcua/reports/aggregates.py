"""Writing the daily and monthly figures: adding an event's contribution to its day's and its
month's rows (the subscriber) and recomputing all of them from the history (``motcua reports
rebuild``)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from motcua.documents.rates import digitization_as_of
from motcua.dossiers.event_kinds import EventKind
from motcua.dossiers.models import DossierEvent
from motcua.reports.counting import SETTLING, EventFacts, contribution
from motcua.reports.models import COUNTERS, DailyFigures, MonthlyFigures
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


def _upsert(model, period_column: str, key, counts: Counter, names: list[str]) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    q = connection.ops.quote_name
    columns = [period_column, "agency_id", "procedure_id", *names, "updated_at"]
    updates = ", ".join(f"{q(n)} = {table}.{q(n)} + excluded.{q(n)}" for n in names)
    # The counters not named take their default (0) only on PostgreSQL's INSERT if listed: list them all.
    zeros = [n for n in COUNTERS if n not in names]
    sql = (
        f"INSERT INTO {table} ({', '.join(q(c) for c in [*columns, *zeros])}) "
        f"VALUES ({', '.join(['%s'] * (len(columns) + len(zeros)))}) "
        f"ON CONFLICT ({q(period_column)}, {q('agency_id')}, {q('procedure_id')}) DO UPDATE SET {updates}, "
        f"{q('updated_at')} = excluded.{q('updated_at')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*key, *(counts[n] for n in names), timezone.now(), *([0] * len(zeros))])


def add(key, counts: Counter) -> None:
    """Add ``counts`` to the row of ``key`` (day, agency id, procedure id) and to its month's row,
    creating them: one statement each (INSERT … ON CONFLICT DO UPDATE, on PostgreSQL and SQLite
    alike), so concurrent events on the same row add up instead of overwriting each other."""
    if not counts:
        return
    names = [name for name in COUNTERS if counts.get(name)]
    day, agency_id, procedure_id = key
    _upsert(DailyFigures, "day", key, counts, names)
    _upsert(MonthlyFigures, "month", (month_of(day), agency_id, procedure_id), counts, names)


def follow_history(event) -> None:
    """Subscriber (dossiers/subscribers.py): add the event to its day's figures, in its transaction."""
    facts = EventFacts.of(event)
    prior = 0
    if facts.kind == EventKind.SUPPLEMENT_REQUESTED:
        prior = DossierEvent.objects.filter(
            dossier_id=facts.dossier_id, kind=EventKind.SUPPLEMENT_REQUESTED, seq__lt=event.seq
        ).count()
    add(facts.key, _contribution(facts, prior))


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


@transaction.atomic
def rebuild() -> int:
    """Replace every daily and monthly figure by its value computed from the history; returns the
    daily rows written."""
    if connection.vendor == "postgresql":
        # Events recorded meanwhile wait for the new figures instead of being added to rows deleted here.
        with connection.cursor() as cursor:
            cursor.execute(
                f"LOCK TABLE {DailyFigures._meta.db_table}, {MonthlyFigures._meta.db_table} IN EXCLUSIVE MODE"
            )
    totals = computed_from_history()
    DailyFigures.objects.all().delete()
    MonthlyFigures.objects.all().delete()
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
            for (month, agency, procedure), counts in monthly_of(totals).items()
        ),
        batch_size=2000,
    )
    return len(totals)


def _stored(model, period_column: str) -> dict[tuple, Counter]:
    out = {}
    for row in model.objects.values(period_column, "agency_id", "procedure_id", *COUNTERS):
        key = (row.pop(period_column), row.pop("agency_id"), row.pop("procedure_id"))
        out[key] = +Counter(row)
    return out


def stored() -> dict[tuple, Counter]:
    """The daily figures as stored (to compare with ``computed_from_history``)."""
    return _stored(DailyFigures, "day")


def stored_monthly() -> dict[tuple, Counter]:
    """The monthly figures as stored (to compare with ``monthly_of(computed_from_history())``)."""
    return _stored(MonthlyFigures, "month")
