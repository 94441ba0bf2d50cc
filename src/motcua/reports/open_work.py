"""The dossiers in progress toward an appointment date, kept small enough for a province's board to
count "in progress, overdue" without reading the overdue dossiers one by one.

A dossier counts while it is open (``OPEN_STATUSES``), its clock is not paused and it has an
appointment date: exactly the dossiers ``dossiers.selectors.overdue_open_counts`` reads, which stays
the definition (``rebuild`` and ``check`` compare against it). The subscriber keeps two things in
the event's transaction:

- ``OpenDossier``: where each dossier counts now (agency, procedure, appointment), so an event knows
  what to take away when the dossier stops counting or its appointment moves (an apology, a clock
  resumed after a supplement or a payment);
- ``OpenDueFigures``: how many count per agency × appointment day and per agency × appointment month.

Overdue at ``at`` (local day D) = the month rows before D's month + the day rows of D's month before D
+ the dossiers due on D before ``at`` (an indexed range of ``OpenDossier``): for a province, a few
thousand small rows instead of every overdue dossier.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, time

from django.db import connection, transaction
from django.db.models import Count, Sum
from django.utils import timezone

from motcua.core.calendar import LOCAL_TZ
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import OPEN_STATUSES
from motcua.reports.models import OpenDossier, OpenDueFigures

DAY, MONTH = OpenDueFigures.Grain.DAY, OpenDueFigures.Grain.MONTH
OPEN = tuple(sorted(OPEN_STATUSES))


def place(dossier) -> tuple[int, int, datetime] | None:
    """Where a dossier counts now (competent agency, procedure, appointment), ``None`` if it does not."""
    if dossier.status in OPEN_STATUSES and dossier.paused_at is None and dossier.due_at is not None:
        return (dossier.competent_agency_id, dossier.procedure_id, dossier.due_at)
    return None


def _buckets(agency_id: int, due_at: datetime) -> list[tuple[str, date, int]]:
    day = due_at.astimezone(LOCAL_TZ).date()
    return [(DAY, day, agency_id), (MONTH, day.replace(day=1), agency_id)]


def _add(deltas: Counter) -> None:
    """Add ``deltas`` (bucket → ±n) to the figures in one upsert (nothing read first)."""
    rows = [(grain, period, agency, n) for (grain, period, agency), n in sorted(deltas.items()) if n]
    if not rows:
        return
    q = connection.ops.quote_name
    table = q(OpenDueFigures._meta.db_table)
    values = ", ".join(["(%s, %s, %s, %s)"] * len(rows))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({q('grain')}, {q('period')}, {q('agency_id')}, {q('open')}) VALUES {values} "
            f"ON CONFLICT ({q('grain')}, {q('period')}, {q('agency_id')}) "
            f"DO UPDATE SET {q('open')} = {table}.{q('open')} + excluded.{q('open')}",
            [value for row in rows for value in row],
        )


def follow(event) -> None:
    """Subscriber (through ``reports.aggregates.follow_history``): move the dossier's count to where
    it counts after the event. A dossier that was not open before the event and does not count after
    it (a submission, a draft) costs no query."""
    dossier = event.dossier
    now = place(dossier)
    if now is None and event.from_status not in OPEN_STATUSES:
        # Counting needs an open status, and every change of status writes the one before it: a
        # dossier not open before the event (or an event that changes no status, "") did not count.
        return
    before = OpenDossier.objects.filter(dossier_id=dossier.pk).values_list(
        "agency_id", "procedure_id", "due_at"
    )
    before = before.first()
    if before == now:
        return
    deltas: Counter = Counter()
    if before is not None:
        for bucket in _buckets(before[0], before[2]):
            deltas[bucket] -= 1
    if now is not None:
        for bucket in _buckets(now[0], now[2]):
            deltas[bucket] += 1
        values = {"agency_id": now[0], "procedure_id": now[1], "due_at": now[2]}
        if before is None:
            OpenDossier.objects.create(dossier_id=dossier.pk, **values)
        else:
            OpenDossier.objects.filter(dossier_id=dossier.pk).update(**values)
    else:
        OpenDossier.objects.filter(dossier_id=dossier.pk).delete()
    _add(deltas)


# -- reading -----------------------------------------------------------------------------------


def _agencies(rows, agency_ids):
    return rows if agency_ids is None else rows.filter(agency_id__in=sorted(agency_ids))


def agencies_sql(connection, agency_ids) -> tuple[str, list]:
    """The condition "agency_id is one of ``agency_ids``" for a statement written by hand (not
    ``None``, not empty): on PostgreSQL one array parameter, not one per agency (a province's 120)."""
    column = connection.ops.quote_name("agency_id")
    ids = sorted(agency_ids)
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [ids]
    return f"{column} IN ({', '.join(['%s'] * len(ids))})", ids


def overdue_counts(*, agency_ids=None, at: datetime | None = None, by_procedure: bool = True) -> list[dict]:
    """The dossiers in progress past their appointment at ``at`` (now by default), per competent
    agency (and procedure): the same rows as ``dossiers.selectors.overdue_open_counts``.

    Per agency alone, from the figures (months before ``at``'s month, days of it before its day) and
    the dossiers due on its day before it; per procedure, from ``OpenDossier`` (a unit's, an indexed
    range over its agencies)."""
    at = at or timezone.now()
    if by_procedure:
        # Written here: a unit's board asks it on every view, and the ORM's statement cost more to
        # build than the index range (``agency``, ``due_at``, the procedure held in it) to read.
        if agency_ids is not None and not agency_ids:
            return []
        q = connection.ops.quote_name
        where, params = [f"{q('due_at')} < %s"], [connection.ops.adapt_datetimefield_value(at)]
        if agency_ids is not None:
            condition, ids = agencies_sql(connection, agency_ids)
            where.append(condition)
            params += ids
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {q('agency_id')}, {q('procedure_id')}, COUNT(*) FROM {q(OpenDossier._meta.db_table)} "
                f"WHERE {' AND '.join(where)} GROUP BY {q('agency_id')}, {q('procedure_id')}",
                params,
            )
            return [
                {"competent_agency_id": agency, "procedure_id": procedure, "overdue_open": n}
                for agency, procedure, n in cursor.fetchall()
            ]
    day = at.astimezone(LOCAL_TZ).date()
    month = day.replace(day=1)
    day_start = datetime.combine(day, time.min, LOCAL_TZ)
    totals: Counter = Counter()
    # Two ranges of the (grain, period, agency) index, not one OR (which the planner reads as a scan
    # of every day row ever kept: 44,000 a year for a province).
    for figures in (
        OpenDueFigures.objects.filter(grain=MONTH, period__lt=month),
        OpenDueFigures.objects.filter(grain=DAY, period__gte=month, period__lt=day),
    ):
        for r in _agencies(figures, agency_ids).values("agency_id").annotate(n=Sum("open")).order_by():
            totals[r["agency_id"]] += r["n"]
    today = _agencies(OpenDossier.objects.filter(due_at__gte=day_start, due_at__lt=at), agency_ids)
    for r in today.values("agency_id").annotate(n=Count("dossier_id")).order_by():
        totals[r["agency_id"]] += r["n"]
    return [{"competent_agency_id": a, "overdue_open": n} for a, n in sorted(totals.items()) if n]


# -- rebuilding and checking -------------------------------------------------------------------


def computed() -> tuple[dict[int, tuple], dict[tuple, int]]:
    """Where each dossier counts and the figures, computed from the dossiers as they are."""
    places = {
        pk: (agency, procedure, due_at)
        for pk, agency, procedure, due_at in Dossier.objects.filter(
            status__in=OPEN, paused_at__isnull=True, due_at__isnull=False
        )
        .values_list("pk", "competent_agency_id", "procedure_id", "due_at")
        .iterator(chunk_size=5000)
    }
    figures: dict[tuple, int] = defaultdict(int)
    for agency, _procedure, due_at in places.values():
        for bucket in _buckets(agency, due_at):
            figures[bucket] += 1
    return places, dict(figures)


def stored() -> tuple[dict[int, tuple], dict[tuple, int]]:
    """The same as stored (figures at zero left out: a bucket emptied keeps its row)."""
    places = {
        pk: (agency, procedure, due_at)
        for pk, agency, procedure, due_at in OpenDossier.objects.values_list(
            "dossier_id", "agency_id", "procedure_id", "due_at"
        ).iterator(chunk_size=5000)
    }
    figures = {
        (grain, period, agency): n
        for grain, period, agency, n in OpenDueFigures.objects.exclude(open=0).values_list(
            "grain", "period", "agency_id", "open"
        )
    }
    return places, figures


def differences() -> list[str]:
    """What differs between the stored and the computed open work (empty when they match)."""
    want_places, want_figures = computed()
    have_places, have_figures = stored()
    out = []
    places = sorted(
        k for k in want_places.keys() | have_places.keys() if want_places.get(k) != have_places.get(k)
    )
    if places:
        out.append(f"{len(places)} open dossiers (first: dossier {places[0]})")
    figures = sorted(
        k for k in want_figures.keys() | have_figures.keys() if want_figures.get(k) != have_figures.get(k)
    )
    if figures:
        out.append(f"{len(figures)} open work figures (first: {figures[0]})")
    return out


@transaction.atomic
def rebuild() -> int:
    """Replace the open work by its value computed from the dossiers; returns the dossiers counted."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            tables = f"{OpenDossier._meta.db_table}, {OpenDueFigures._meta.db_table}"
            cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")
    places, figures = computed()
    OpenDossier.objects.all().delete()
    OpenDueFigures.objects.all().delete()
    OpenDossier.objects.bulk_create(
        (
            OpenDossier(dossier_id=pk, agency_id=agency, procedure_id=procedure, due_at=due_at)
            for pk, (agency, procedure, due_at) in places.items()
        ),
        batch_size=2000,
    )
    OpenDueFigures.objects.bulk_create(
        (
            OpenDueFigures(grain=grain, period=period, agency_id=agency, open=n)
            for (grain, period, agency), n in figures.items()
        ),
        batch_size=2000,
    )
    return len(places)
