"""The dashboard's queries over a year of a synthetic province, beside the naive GROUP BY over the
raw dossiers in the same run; and what keeping the figures costs a submission.

1. History (PostgreSQL): ``MOTCUA_BENCH_REPORTS_DOSSIERS`` dossiers (default 1,000,000) of one year,
   generated server-side (``INSERT … SELECT generate_series``: no row crosses the wire, faster than
   COPY), over a province committee, 20 departments and 100 communes, 300 procedures; the daily
   figures are derived from them by one grouped INSERT (the incremental path is measured in 2 and
   checked exactly against the rebuild by the tests). Then the dashboard's whole query set
   (``reports.dashboard.board``: totals, breakdown one level down, 12-month trend, the facts read at
   query time) for the province, a department and a commune over the year, p50/p95 over repeated
   runs, beside the naive equivalent: totals, by-agency and by-month GROUP BYs over
   ``dossiers_dossier`` (received by channel, settled on time and late) for the same agencies.
2. Submissions (SQLite and PostgreSQL): online submissions through ``dossiers.services.file_dossier``
   with the reports' subscriber listed, beside the same without it (interleaved batches), then the
   fold of the pending rows they left (``reports.aggregates.fold``). Target: the subscriber costs at
   most 10 %.
"""

from __future__ import annotations

import contextlib
import json
import os

from motcua_bench.harness import Figure, Report, fresh_database, motcua, percentile, postgres_available

DOSSIERS = int(os.environ.get("MOTCUA_BENCH_REPORTS_DOSSIERS", "1000000"))
REPEATS = int(os.environ.get("MOTCUA_BENCH_REPORTS_REPEATS", "15"))
SUBMISSIONS = int(os.environ.get("MOTCUA_BENCH_REPORTS_SUBMISSIONS", "300"))

HISTORY = "from motcua_bench.reports import measure_history; measure_history({n}, {r})"
SUBMIT = "from motcua_bench.reports import measure_submissions; measure_submissions({n})"
YEAR = 2025


def _province():
    from motcua.catalogue.models import Field, Procedure
    from motcua.org.models import AdministrativeUnit, Agency, AgencyKind, UnitLevel

    province_unit = AdministrativeUnit.objects.create(code="B01", name="Tỉnh đo", level=UnitLevel.PROVINCE)
    province = Agency.objects.create(
        code="000.00.00.B01", name="UBND tỉnh đo", kind=AgencyKind.PROVINCE_COMMITTEE, unit=province_unit
    )
    departments = [
        Agency.objects.create(
            code=f"000.00.{i:02d}.B01",
            name=f"Sở đo {i}",
            kind=AgencyKind.DEPARTMENT,
            unit=province_unit,
            parent=province,
        )
        for i in range(1, 21)
    ]
    communes = []
    for i in range(1, 101):
        unit = AdministrativeUnit.objects.create(
            code=f"B{i:04d}", name=f"Xã đo {i}", level=UnitLevel.COMMUNE, parent=province_unit
        )
        communes.append(
            Agency.objects.create(
                code=f"000.{i:02d}.99.B01"[:40] if i < 100 else "000.A0.99.B01",
                name=f"UBND xã đo {i}",
                kind=AgencyKind.COMMUNE_COMMITTEE,
                unit=unit,
                parent=province,
            )
        )
    fields = [Field.objects.create(code=f"bench-{i}", name=f"Lĩnh vực đo {i}") for i in range(20)]
    procedures = [
        Procedure.objects.create(
            code=f"B.{i:06d}",
            name=f"Thủ tục đo {i}",
            field=fields[i % 20],
            processing_time_amount=5,
            online_level=("full", "partial", "offline")[i % 3],
        )
        for i in range(300)
    ]
    return province, departments, communes, procedures


GENERATE = """
INSERT INTO dossiers_dossier (
    uuid, code, procedure_id, applicant_id, applicant_name, applicant_id_number, applicant_phone,
    applicant_email, applicant_address, receiving_agency_id, competent_agency_id, channel, status,
    form_data, created_at, submitted_at, received_at, due_at, processing_minutes, finished_at,
    returned_at, closed_at, resume_status, last_event_seq, updated_at)
SELECT md5(g::text)::uuid, NULL, p.id, %(applicant)s, 'Người nộp đo', '', '', '', '',
       a.id, a.id,
       CASE WHEN g %% 20 < 12 THEN 'online' WHEN g %% 20 < 19 THEN 'counter' ELSE 'post' END,
       CASE WHEN g %% 10 = 0 THEN 'processing' ELSE 'returned' END,
       '{}'::jsonb, t.at, t.at, t.at + interval '1 hour', t.at + interval '1 hour' + interval '7 days', 2400,
       CASE WHEN g %% 10 = 0 THEN NULL ELSE t.at + interval '1 hour' + ((g %% 9) || ' days')::interval END,
       CASE WHEN g %% 10 = 0 THEN NULL ELSE t.at + interval '2 hours' + ((g %% 9) || ' days')::interval END,
       CASE WHEN g %% 10 = 0 THEN NULL ELSE t.at + interval '2 hours' + ((g %% 9) || ' days')::interval END,
       '', 0, now()
FROM generate_series(1::bigint, %(n)s::bigint) AS g
JOIN LATERAL (SELECT (%(agencies)s::bigint[])[1 + (g * 7919) %% cardinality(%(agencies)s::bigint[])] AS id) a ON true
JOIN LATERAL (SELECT (%(procedures)s::bigint[])[1 + (g * 104729) %% cardinality(%(procedures)s::bigint[])] AS id) p ON true
JOIN LATERAL (SELECT %(start)s::timestamptz + ((g * 2654435761::bigint) %% 31536000) * interval '1 second' AS at) t ON true
"""

DERIVE = """
INSERT INTO reports_dailyfigures (day, agency_id, procedure_id, {columns}, updated_at)
SELECT day, agency_id, procedure_id, {sums}, now() FROM (
    SELECT (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day, competent_agency_id AS agency_id,
           procedure_id, 1 AS submitted, (channel = 'online')::int AS submitted_online, 1 AS received,
           (channel = 'online')::int AS received_online, (channel = 'counter')::int AS received_counter,
           (channel = 'post')::int AS received_post, 0 AS settled_on_time, 0 AS settled_late, 0 AS returned
    FROM dossiers_dossier
    UNION ALL
    SELECT (finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, competent_agency_id, procedure_id, 0, 0, 0, 0, 0, 0,
           (finished_at <= due_at)::int, (finished_at > due_at)::int, 1
    FROM dossiers_dossier WHERE finished_at IS NOT NULL
) AS e GROUP BY day, agency_id, procedure_id
"""
# The monthly roll-up is the sum of the days (as ``reports.aggregates.monthly_of`` defines it).
ROLL_UP = """
INSERT INTO reports_monthlyfigures (month, agency_id, procedure_id, {columns}, updated_at)
SELECT date_trunc('month', day)::date, agency_id, procedure_id, {sums}, now()
FROM reports_dailyfigures GROUP BY 1, agency_id, procedure_id
"""
# The agencies' roll-up is the sum of the months over the procedures, full-online apart
# (``reports.aggregates.agency_monthly_of``), folded with the levels now (``FullOnlineFold``).
AGENCY_ROLL_UP = """
INSERT INTO reports_agencymonthlyfigures (month, agency_id, full_online, {columns}, updated_at)
SELECT m.month, m.agency_id, p.online_level = 'full', {sums}, now()
FROM reports_monthlyfigures m JOIN catalogue_procedure p ON p.id = m.procedure_id
GROUP BY m.month, m.agency_id, p.online_level = 'full';
INSERT INTO reports_fullonlinefold (procedure_id) SELECT id FROM catalogue_procedure WHERE online_level = 'full'
"""
# The open work (``reports.open_work``): the dossiers in progress toward an appointment and their
# counts per agency × appointment day and month, as ``open_work.computed`` defines them.
OPEN_WORK = """
INSERT INTO reports_opendossier (dossier_id, agency_id, procedure_id, due_at)
SELECT id, competent_agency_id, procedure_id, due_at FROM dossiers_dossier
WHERE status = ANY(%(open)s) AND paused_at IS NULL AND due_at IS NOT NULL
"""
OPEN_WORK_FIGURES = """
INSERT INTO reports_openduefigures (grain, period, agency_id, open)
SELECT 'day', (due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, agency_id, count(*)
FROM reports_opendossier GROUP BY 2, 3
UNION ALL
SELECT 'month', date_trunc('month', due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, agency_id, count(*)
FROM reports_opendossier GROUP BY 2, 3
"""
DERIVED = (
    "submitted",
    "submitted_online",
    "received",
    "received_online",
    "received_counter",
    "received_post",
    "settled_on_time",
    "settled_late",
    "returned",
)

NAIVE = """
SELECT {group} count(*) FILTER (WHERE received_at >= %(s)s AND received_at < %(e)s),
       count(*) FILTER (WHERE received_at >= %(s)s AND received_at < %(e)s AND channel = 'online'),
       count(*) FILTER (WHERE received_at >= %(s)s AND received_at < %(e)s AND channel = 'counter'),
       count(*) FILTER (WHERE received_at >= %(s)s AND received_at < %(e)s AND channel = 'post'),
       count(*) FILTER (WHERE finished_at >= %(s)s AND finished_at < %(e)s AND finished_at <= due_at),
       count(*) FILTER (WHERE finished_at >= %(s)s AND finished_at < %(e)s AND finished_at > due_at)
FROM dossiers_dossier
WHERE competent_agency_id = ANY(%(agencies)s) AND (received_at >= %(s)s AND received_at < %(e)s
      OR finished_at >= %(s)s AND finished_at < %(e)s)
{group_by}
"""


# The tables the history fills set-based: their indexes are built once after the load, not kept
# row by row (the 1,000,000 run spent ~9 minutes loading with them; 10,000,000 needs this).
LOADED = ("dossiers_dossier", "reports_dailyfigures", "reports_monthlyfigures")


@contextlib.contextmanager
def bulk_load(cursor, *tables):
    """Load ``tables`` without their secondary indexes, unique constraints and triggers (the
    foreign keys' checks: the generated rows refer to rows made just before), then put every one of
    them back (the indexes built in one pass each) and ANALYZE, before anything reads them."""
    cursor.execute("SET maintenance_work_mem = '256MB'")
    restore = []
    for table in tables:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
            [table, table],
        )
        indexes = cursor.fetchall()
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'u'",
            [table],
        )
        for name, definition in cursor.fetchall():
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            restore.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        for name, definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
            restore.append(definition)
        cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER ALL")
        restore.append(f"ALTER TABLE {table} ENABLE TRIGGER ALL")
    try:
        yield
    finally:
        for statement in restore:
            cursor.execute(statement)
        for table in tables:
            cursor.execute(f"ANALYZE {table}")


def measure_history(n: int, repeats: int) -> None:
    import time
    from datetime import date, datetime

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from motcua.accounts.models import User
    from motcua.core.calendar import LOCAL_TZ
    from motcua.core.heap import freeze_startup_heap
    from motcua.dossiers.selectors import overdue_open_counts
    from motcua.reports import open_work, selectors
    from motcua.reports.dashboard import Selection, board
    from motcua.reports.models import COUNTERS, DailyFigures
    from motcua.reports.periods import period_of
    from motcua.reports.public import datasets

    province, departments, communes, procedures = _province()
    applicant = User.objects.create(username="bench-applicant", kind="citizen", full_name="Người nộp đo")
    agencies = [a.id for a in [province, *departments, *communes]]
    started = time.perf_counter()
    with connection.cursor() as cursor, bulk_load(cursor, *LOADED):
        cursor.execute(
            GENERATE,
            {
                "n": n,
                "applicant": applicant.id,
                "agencies": agencies,
                "procedures": [p.id for p in procedures],
                "start": f"{YEAR}-01-01 00:00+07",
            },
        )
        generated = time.perf_counter() - started
        # Every counter is listed: the model's defaults are Django's, not the table's.
        sums = ", ".join(f"sum({c})" if c in DERIVED else "0" for c in COUNTERS)
        cursor.execute(DERIVE.format(columns=", ".join(COUNTERS), sums=sums))
        cursor.execute(
            ROLL_UP.format(columns=", ".join(COUNTERS), sums=", ".join(f"sum({c})" for c in COUNTERS))
        )
        cursor.execute(
            AGENCY_ROLL_UP.format(
                columns=", ".join(COUNTERS), sums=", ".join(f"sum(m.{c})" for c in COUNTERS)
            )
        )
        cursor.execute(OPEN_WORK, {"open": list(open_work.OPEN)})
        cursor.execute(OPEN_WORK_FIGURES)
    with connection.cursor() as cursor:
        cursor.execute(
            "ANALYZE dossiers_dossier; ANALYZE reports_dailyfigures; ANALYZE reports_monthlyfigures; "
            "ANALYZE reports_agencymonthlyfigures; ANALYZE reports_openduefigures"
        )
        # The open work is read from its index alone (the procedure held in it), as a vacuumed table
        # is in service (autovacuum): the visibility map of freshly loaded rows is set here.
        cursor.execute("VACUUM ANALYZE reports_opendossier")
        cursor.execute("SELECT count(*) FROM reports_dailyfigures")
        rows = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM reports_monthlyfigures")
        monthly_rows = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM reports_agencymonthlyfigures")
        agency_rows = cursor.fetchone()[0]
    derived = time.perf_counter() - started - generated
    # A web worker freezes what it loaded before its first request (core/heap.py): the same here,
    # so the collector walks what the boards allocate, not the whole shell's heap.
    freeze_startup_heap()
    period = period_of("year", date(YEAR, 6, 1))
    everyone = frozenset(agencies)
    scopes = {
        "province": (Selection(period=period, reach=everyone), agencies),
        "department": (Selection(period=period, reach=everyone, agency=departments[0]), [departments[0].id]),
        "commune": (Selection(period=period, reach=everyone, agency=communes[0]), [communes[0].id]),
    }
    s = datetime(YEAR, 1, 1, tzinfo=LOCAL_TZ)
    e = datetime(YEAR + 1, 1, 1, tzinfo=LOCAL_TZ)
    out = {
        "generated_s": generated,
        "derived_s": derived,
        "daily_rows": rows,
        "monthly_rows": monthly_rows,
        "agency_rows": agency_rows,
        "scopes": {},
    }
    for name, (selection, ids) in scopes.items():
        ours, finer, naive = [], [], []
        board(selection)  # warm the caches once, as a page seen before would
        with CaptureQueriesContext(connection) as captured:
            board(selection)
        statements = len(captured.captured_queries)
        for _ in range(repeats):
            t0 = time.perf_counter()
            found = board(selection)
            ours.append((time.perf_counter() - t0) * 1000)
            # The same board without the agencies' roll-up (the monthly figures and the overdue dossiers
            # counted per procedure, as before it): the before of the after, in the same run.
            selectors.AGENCY_ROLL_UP = False
            try:
                t0 = time.perf_counter()
                before = board(selection)
                finer.append((time.perf_counter() - t0) * 1000)
            finally:
                selectors.AGENCY_ROLL_UP = True
            assert before.totals == found.totals, (before.totals, found.totals)
            t0 = time.perf_counter()
            with connection.cursor() as cursor:
                params = {"s": s, "e": e, "agencies": ids}
                cursor.execute(NAIVE.format(group="", group_by=""), params)
                naive_total = cursor.fetchone()
                cursor.execute(NAIVE.format(group="competent_agency_id,", group_by="GROUP BY 1"), params)
                cursor.fetchall()
                cursor.execute(
                    NAIVE.format(
                        group="date_trunc('month', received_at AT TIME ZONE 'Asia/Ho_Chi_Minh'),",
                        group_by="GROUP BY 1",
                    ),
                    params,
                )
                cursor.fetchall()
            naive.append((time.perf_counter() - t0) * 1000)
        assert found.totals["received"] == naive_total[0], (found.totals["received"], naive_total[0])
        # The overdue count alone: from the open work, beside the count over the dossiers it replaced
        # (``dossiers.selectors.overdue_open_counts``, per agency), in the same run.
        reach = selection.agency_ids
        overdue_ours, overdue_before = [], []
        for _ in range(repeats):
            t0 = time.perf_counter()
            counted = open_work.overdue_counts(agency_ids=reach, by_procedure=False)
            overdue_ours.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            live = overdue_open_counts(agency_ids=reach, by_procedure=False)
            overdue_before.append((time.perf_counter() - t0) * 1000)
        assert counted == sorted(live, key=lambda r: r["competent_agency_id"]), "the open work differs"
        out["scopes"][name] = {
            "ours": ours,
            "finer": finer,
            "naive": naive,
            "received": naive_total[0],
            "queries": statements,
            "overdue": found.totals["overdue_open"],
            "overdue_ours": overdue_ours,
            "overdue_before": overdue_before,
        }
    # The open data's dataset list: the agencies with figures read from the agencies' roll-up, beside
    # the DISTINCT over the daily figures it ran before.
    listed, distinct_days = [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        found_sets = datasets()
        listed.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        list(DailyFigures.objects.values_list("agency_id", flat=True).distinct())
        distinct_days.append((time.perf_counter() - t0) * 1000)
    out["datasets"] = {"ours": listed, "before": distinct_days, "count": len(found_sets)}
    print(json.dumps(out))


def measure_submissions(n: int) -> None:
    import time

    from motcua.dossiers import services, subscribers
    from motcua.reports import aggregates, open_work
    from motcua_testing.factories import BIRTH_DATA
    from motcua_testing.world import build_world

    world = build_world()
    with_reports = subscribers.SUBSCRIBERS
    without = tuple(path for path in with_reports if not path.startswith("motcua.reports."))
    assert len(without) == len(with_reports) - 1
    follow = aggregates.follow_history

    def upsert_at_once(event):
        """The subscriber before the pending rows: the contribution upserted into the day's, the
        month's and the agency's month's rows in the event's transaction (the "before" of this run)."""
        facts, counts = aggregates.contribution_of(event)
        aggregates.add(facts.key, counts)
        open_work.follow(event)

    # The subscriber's own time inside each submission (wrapped here, so a figure the machine's load
    # moves far less than the difference of two medians).
    inside = [0.0]

    def timed(subscriber):
        def run(event):
            t0 = time.perf_counter()
            subscriber(event)
            inside[0] += (time.perf_counter() - t0) * 1000

        return run

    modes = {"with": timed(follow), "without": None, "upsert": timed(upsert_at_once)}
    timings = {"with": [], "without": [], "upsert": [], "subscriber": [], "upsert_subscriber": []}
    try:
        # Alternate with, without and the upsert, one submission each: the load's drift falls on all alike.
        for i in range(3 * n):
            which = list(modes)[i % 3]
            if modes[which] is not None:
                aggregates.follow_history = modes[which]
            subscribers.SUBSCRIBERS = without if modes[which] is None else with_reports
            subscribers.subscribers.cache_clear()
            inside[0] = 0.0
            t0 = time.perf_counter()
            services.file_dossier(
                applicant=world.citizen, procedure=world.procedure, form_data=dict(BIRTH_DATA)
            )
            timings[which].append((time.perf_counter() - t0) * 1000)
            if which == "with":
                timings["subscriber"].append(inside[0])
            elif which == "upsert":
                timings["upsert_subscriber"].append(inside[0])
    finally:
        aggregates.follow_history = follow
        subscribers.SUBSCRIBERS = with_reports
        subscribers.subscribers.cache_clear()
    # What the subscriber left for the periodic fold (one pending row per submission): its cost,
    # paid once per fold (every REPORTS_FOLD_SECONDS or before a page), not by the submissions.
    t0 = time.perf_counter()
    timings["folded"] = aggregates.fold()
    timings["fold_ms"] = (time.perf_counter() - t0) * 1000
    print(json.dumps(timings))


def history_on_postgresql(report: Report) -> None:
    report.section(f"reports: dashboard over a year of {DOSSIERS:,} dossiers on postgresql")
    with fresh_database("postgresql") as env:
        out = motcua("manage", "shell", "-c", HISTORY.format(n=DOSSIERS, r=REPEATS), env=env, capture=True)
    found = json.loads(out.strip().splitlines()[-1])
    report.note(
        f"generated {DOSSIERS:,} dossiers in {found['generated_s']:.1f} s, daily figures derived in "
        f"{found['derived_s']:.1f} s ({found['daily_rows']:,} daily rows, "
        f"{found['monthly_rows']:,} monthly rows, {found['agency_rows']:,} agencies' monthly rows); "
        f"{REPEATS} runs per scope"
    )
    for name, figures in found["scopes"].items():
        report.note(
            f"{name}: {figures['received']:,} dossiers received in the year, {figures['overdue']:,} in progress "
            f"overdue; the board in {figures['queries']} queries"
        )
        report.latencies(
            f"overdue count ({name}), open work",
            figures["overdue_ours"],
            figures["overdue_before"],
            "count over the overdue dossiers (before)",
            tail=95,
        )
        report.latencies(
            f"dashboard ({name}, a year)",
            figures["ours"],
            figures["naive"],
            "naive GROUP BY over dossiers",
            tail=95,
        )
        report.latencies(
            f"dashboard ({name}, a year), agencies' roll-up",
            figures["ours"],
            figures["finer"],
            "monthly figures per procedure (before)",
            tail=95,
        )
        report.add(
            Figure(
                f"naive / dashboard at p95 ({name})",
                percentile(figures["naive"], 95) / percentile(figures["ours"], 95),
                "x",
                1.0,
                "equal",
                True,
            )
        )

    sets = found["datasets"]
    report.latencies(
        f"open data: datasets() ({sets['count']} datasets)",
        sets["ours"],
        sets["before"],
        "the DISTINCT over the daily figures alone (before)",
        tail=95,
    )


def submissions_on(kind: str, report: Report) -> None:
    report.section(f"reports: the subscriber's cost on online submissions ({kind})")
    with fresh_database(kind) as env:
        out = motcua("manage", "shell", "-c", SUBMIT.format(n=SUBMISSIONS), env=env, capture=True)
    timings = json.loads(out.strip().splitlines()[-1])
    report.latencies(
        "submission with the reports' subscriber", timings["with"], timings["without"], "without it", tail=95
    )
    report.latencies(
        "submission, the subscriber upserting the figures at once (before)",
        timings["upsert"],
        timings["without"],
        "without it",
        tail=95,
    )
    from motcua_bench.harness import median

    share = [sub / total for sub, total in zip(timings["subscriber"], timings["with"], strict=True)]
    report.note(
        f"the fold of the {timings['folded']} pending rows left: {timings['fold_ms']:.1f} ms "
        f"({timings['fold_ms'] / max(1, timings['folded']):.2f} ms a row, once, off the submissions)"
    )
    report.note(
        f"cost at the median: {100 * (median(timings['with']) / median(timings['without']) - 1):+.1f} % "
        f"(target ≤ 10 %); the subscriber's own time {median(timings['subscriber']):.2f} ms at the median, "
        f"{100 * median(share):.1f} % of a submission (p95 {100 * percentile(share, 95):.1f} %)"
    )
    report.note(
        f"before (upserting at once): {100 * (median(timings['upsert']) / median(timings['without']) - 1):+.1f} %, "
        f"the subscriber's own time {median(timings['upsert_subscriber']):.2f} ms at the median"
    )


def run(report: Report) -> None:
    submissions_on("sqlite", report)
    if postgres_available():
        submissions_on("postgresql", report)
        history_on_postgresql(report)
    else:
        report.note("!!!!!!!! PostgreSQL not reachable: the PostgreSQL figures are SKIPPED !!!!!!!!")
