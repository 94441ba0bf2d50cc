"""A province's year on PostgreSQL, made by the server: the same copies as ``province`` (the demo's
dossiers with every row hanging from them, moved back in time, with new applicants, codes and
tokens), but each table filled by one ``INSERT … SELECT`` per chunk instead of a Python loop over
every row of every copy.

The last session's Python copies took ~14 s per 5,000 dossiers on the loaded 2-core machine (45
minutes for a million). Here Python decides only what is per copy (which template, how far back,
which applicant, the dossier's code: one short row per dossier, sent by COPY); the server joins
that plan to the templates' rows and renumbers them by arithmetic:

    new id = first free id of the table + copy number x rows per template + the row's rank

so a child finds its copied parent by the same formula, without a lookup table of new ids. The
tables' secondary indexes are dropped while loading and built again after (one sort each instead
of a million scattered inserts); primary keys and unique constraints stay, and so does their
checking.
"""

from __future__ import annotations

import io
import random
import time
from datetime import UTC, timedelta

from django.db import connection, transaction
from django.utils import timezone

from motcua.accounts.models import User
from motcua.dossiers.models import CodeCounter, Dossier
from motcua.dossiers.states import CLOSED_STATUSES, Status

OPEN_SHARE = 0.05
CHUNK = 100_000  # copies per INSERT … SELECT (progress is logged after each)


def generate(*, total: int, seed: int, plans, log) -> dict:
    from motcua_bench.province import _after_load, _next_id

    started = time.monotonic()
    rng = random.Random(seed)
    templates = _templates()
    closed = [t for t in templates if t["closed"]]
    open_ = [t for t in templates if not t["closed"]]
    if not closed or not open_:
        raise RuntimeError("the demo dossiers are missing: run `motcua demo` first")
    bases = {plan.model: _next_id(plan.model) for plan in plans}
    # Inside a caller's transaction (a test that built the demo in it), the indexes stay: one built
    # again there, over rows that transaction updated (broken HOT chains), is flagged ``indcheckxmin``
    # and the planner may not use it until the transaction ends, so every list would scan.
    rebuild_indexes = not connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        # Key checks still deferred from earlier in the transaction (a test builds the demo in the same
        # one) are run now: an index cannot be dropped or built on a table with pending trigger events.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL session_replication_role = replica")  # no outbox, no FK triggers
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        cursor.execute("SET LOCAL work_mem = '64MB'")
        cursor.execute("SET LOCAL jit = off")
        people = _applicants(cursor, rng, max(1, int(total * 0.3)))
        log(f"{people[1] - people[0]} applicants in {time.monotonic() - started:.0f} s")
        spans = {plan.model: _ranks(cursor, plan, plans) for plan in plans}
        _copy_plan(cursor, rng, total, closed, open_, people)
        log(f"the copies' plan in {time.monotonic() - started:.0f} s")
        tables = [plan.table for plan in plans] + [User._meta.db_table]
        dropped = _drop_indexes(cursor, tables) if rebuild_indexes else []
        for first in range(0, total, CHUNK):
            last = min(first + CHUNK, total)
            for plan in plans:
                cursor.execute(_insert(plan, bases, spans, people[0]), [first, last])
            log(f"{last} dossiers in {time.monotonic() - started:.0f} s")
        _write_counters(cursor)
        for sql in dropped:
            cursor.execute(sql)
        log(f"indexes built again in {time.monotonic() - started:.0f} s")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # as Django's transactions have them
    _after_load(plans)
    return {
        "dossiers": total,
        "applicants": people[1] - people[0],
        "seconds": round(time.monotonic() - started, 1),
    }


def _templates() -> list[dict]:
    rows = (
        Dossier.objects.exclude(status=Status.DRAFT)
        .order_by("id")
        .values_list(
            "id", "status", "submitted_at", "created_at", "receiving_agency__code", "receiving_agency_id"
        )
    )
    return [
        {
            "id": pk,
            "closed": status in CLOSED_STATUSES,
            "when": submitted or created,
            "agency_code": code,
            "agency_id": agency,
        }
        for pk, status, submitted, created, code, agency in rows
    ]


def _applicants(cursor, rng: random.Random, count: int) -> tuple[int, int]:
    """``count`` new citizens, made by the server from the first citizen's row: ids [first, end)."""
    from django.contrib.auth.hashers import make_password

    from motcua.demo.organisation import FAMILY, GIVEN, MIDDLE_FEMALE, MIDDLE_MALE

    template = User.objects.filter(kind=User.Kind.CITIZEN).order_by("id").values_list("id", flat=True).first()
    first = _free_id(cursor, User)
    serial = 600_000  # the demo's people use lower serials; each copy's serial is its own
    used = set(User.objects.exclude(personal_id=None).values_list("personal_id", flat=True))
    overrides = {
        "id": f"{first} + p.g - 1",
        "username": "p.number",
        "personal_id": "p.number",
        "tax_code": "NULL",
        "full_name": "p.name",
        "phone": "p.phone",
        "email": "p.email",
        "is_male": "p.male",
        "password": "%(password)s",
        "date_joined": "now()",
        "last_login": "NULL",
    }
    columns = [f.column for f in User._meta.concrete_fields]
    cursor.execute(
        "CREATE TEMP TABLE bench_people (g bigint PRIMARY KEY, name text, number text, phone text, email text, "
        "male bool) ON COMMIT DROP"
    )
    lines = io.StringIO()
    for g in range(1, count + 1):
        male = rng.random() < 0.5
        year = rng.randint(1950, 2006)
        century = (year // 100 - 19) * 2 + (0 if male else 1)
        while True:
            serial += 1
            number = f"042{century}{year % 100:02d}{serial % 1_000_000:06d}"
            if number not in used:
                break
        middle = rng.choice(MIDDLE_MALE if male else MIDDLE_FEMALE)
        name = f"{rng.choice(FAMILY)} {middle} {rng.choice(GIVEN)}"
        phone = f"09{rng.randint(10_000_000, 99_999_999)}"
        lines.write(f"{g}\t{name}\t{number}\t{phone}\tnguoinop{serial}@example.vn\t{'t' if male else 'f'}\n")
    with cursor.cursor.copy("COPY bench_people FROM STDIN") as copy:
        copy.write(lines.getvalue())
    cursor.execute("ANALYZE bench_people")
    select = ", ".join(overrides.get(c, f't."{c}"') for c in columns)
    table = User._meta.db_table
    names = ", ".join(f'"{c}"' for c in columns)
    cursor.execute(
        f'INSERT INTO "{table}" ({names}) '
        f'SELECT {select} FROM bench_people p CROSS JOIN "{table}" t WHERE t.id = %(template)s',
        {"password": make_password("bench-scale-not-for-sign-in"), "template": template},
    )
    return first, first + count


def _free_id(cursor, model) -> int:
    cursor.execute(f'SELECT coalesce(max(id), 0) + 1 FROM "{model._meta.db_table}"')
    return cursor.fetchone()[0]


def _ranks(cursor, plan, plans) -> int:
    """``bench_rank_<table>``: each template row's dossier and rank within it; returns the most
    rows one template has (the stride of the new ids)."""
    table = f"bench_rank_{plan.table}"
    parent = next(iter(plan.parent_index.items()), None)
    cursor.execute(
        f'CREATE TEMP TABLE "{table}" (old_id bigint PRIMARY KEY, dossier bigint, rank bigint) ON COMMIT DROP'
    )
    if plan.model is Dossier:
        source = f"SELECT id, id FROM \"{plan.table}\" WHERE status <> '{Status.DRAFT}'"
    else:
        position, parent_model = parent
        parent_plan = next(p for p in plans if p.model is parent_model)
        column = plan.columns[position]
        source = (
            f'SELECT t.id, r.dossier FROM "{plan.table}" t '
            f'JOIN "bench_rank_{parent_plan.table}" r ON r.old_id = t."{column}"'
        )
    cursor.execute(
        f'INSERT INTO "{table}" SELECT id, dossier, row_number() OVER (PARTITION BY dossier ORDER BY id) - 1 '
        f"FROM ({source}) AS s(id, dossier)"
    )
    cursor.execute(f'ANALYZE "{table}"')
    # The templates' own rows, apart: the table itself grows by a million rows as the copies go in.
    cursor.execute(
        f'CREATE TEMP TABLE "bench_rows_{plan.table}" ON COMMIT DROP AS '
        f'SELECT t.* FROM "{plan.table}" t JOIN "{table}" r ON r.old_id = t.id'
    )
    cursor.execute(f'ANALYZE "bench_rows_{plan.table}"')
    cursor.execute(f'SELECT coalesce(max(rank), 0) + 1 FROM "{table}"')
    return cursor.fetchone()[0]


def _copy_plan(cursor, rng, total, closed, open_, people) -> None:
    """``bench_copy``: per copy n, its template, how far back, its applicant and its code."""
    cursor.execute(
        "CREATE TEMP TABLE bench_copy (n bigint PRIMARY KEY, template bigint, shift interval, "
        "days int, person bigint, code text) ON COMMIT DROP"
    )
    counters: dict[tuple[str, str], int] = {}
    for code, day, last in CodeCounter.objects.values_list("agency__code", "day", "last"):
        counters[(code, day.strftime("%y%m%d"))] = last
    first_person, end_person = people
    lines = io.StringIO()
    for n in range(total):
        is_open = rng.random() < OPEN_SHARE
        template = rng.choice(open_ if is_open else closed)
        seconds = rng.uniform(0, 3 * 86400) if is_open else rng.uniform(0, 360 * 86400)
        when = template["when"]
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        day = timezone.localtime(when - timedelta(seconds=seconds)).strftime("%y%m%d")
        key = (template["agency_code"], day)
        counters[key] = counters.get(key, 0) + 1
        person = rng.randrange(first_person, end_person)
        code = f"{template['agency_code']}-{day}-{counters[key]:04d}"
        lines.write(
            f"{n}\t{template['id']}\t{seconds:.3f} seconds\t{int(seconds // 86400)}\t{person}\t{code}\n"
        )
    with cursor.cursor.copy("COPY bench_copy FROM STDIN") as copy:
        copy.write(lines.getvalue())
    cursor.execute("ANALYZE bench_copy")
    cursor.execute("CREATE TEMP TABLE bench_counters (agency_code text, day date, last int) ON COMMIT DROP")
    with cursor.cursor.copy("COPY bench_counters FROM STDIN") as copy:
        for (code, day), last in counters.items():
            copy.write_row((code, f"20{day[:2]}-{day[2:4]}-{day[4:]}", last))


def _insert(plan, bases, spans, first_person: int) -> str:
    """One chunk of copies of ``plan``'s table: copies ``%s <= n < %s``."""
    base, span = bases[plan.model], spans[plan.model]
    joins = [
        f'JOIN "bench_rank_{plan.table}" r ON r.old_id = t.id',
        "JOIN bench_copy c ON c.template = r.dossier",
        "JOIN bench_rows_dossiers_dossier td ON td.id = c.template",
    ]
    is_dossier = plan.model is Dossier
    if is_dossier or "actor_name" in plan.columns:
        joins.append(f"JOIN bench_people u ON u.g = c.person - {first_person} + 1")
    new_id = f"{base} + c.n * {span} + r.rank"
    select = []
    for i, (column, f) in enumerate(zip(plan.columns, plan.fields, strict=True)):
        old = f't."{column}"'
        if f.primary_key:
            value = new_id
        elif i in plan.parent_index:
            parent = plan.parent_index[i]
            ptable = parent._meta.db_table
            alias = f"p{i}"
            joins.append(f'LEFT JOIN "bench_rank_{ptable}" {alias} ON {alias}.old_id = {old}')
            value = f"{bases[parent]} + c.n * {spans[parent]} + {alias}.rank"
        elif i in plan.user_index:
            value = f"CASE WHEN {old} = td.applicant_id THEN c.person ELSE {old} END"
        elif i in plan.time_index:
            value = f"{old} - c.shift"
        elif i in plan.date_index:
            value = f"{old} - c.days"
        elif i in plan.uuid_index:
            value = "gen_random_uuid()"
        elif i in plan.token_index:
            width = f.max_length or 32
            value = f"CASE WHEN {old} IS NULL THEN NULL ELSE left(replace(gen_random_uuid()::text, '-', ''), {width}) END"
        elif i in plan.suffix_index:
            width = f.max_length or 255
            value = f"right({old} || '~' || to_hex({new_id}), {width})"
        elif is_dossier and column in _APPLICANT:
            value = _APPLICANT[column]
        elif column == "actor_name":
            value = f"CASE WHEN {old} = td.applicant_name THEN u.name ELSE {old} END"
        else:
            value = old
        select.append(value)
    names = ", ".join(f'"{c}"' for c in plan.columns)
    return (
        f'INSERT INTO "{plan.table}" ({names}) SELECT {", ".join(select)} FROM "bench_rows_{plan.table}" t '
        + " ".join(joins)
        + " WHERE c.n >= %s AND c.n < %s"
    )


_APPLICANT = {
    "applicant_id": "c.person",
    "applicant_name": "u.name",
    "applicant_id_number": "u.number",
    "applicant_phone": "u.phone",
    "applicant_email": "u.email",
    "code": "c.code",
}


def _drop_indexes(cursor, tables: list[str]) -> list[str]:
    """Drop the secondary indexes of ``tables`` (not those behind a primary key or a unique
    constraint); returns the statements that build them again."""
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
        "AND i.tablename = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
        [tables],
    )
    found = cursor.fetchall()
    for name, _definition in found:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in found]


def _write_counters(cursor) -> None:
    """The daily sequences go on after the copies (a dossier filed today gets the next number)."""
    table = CodeCounter._meta.db_table
    cursor.execute(
        f'UPDATE "{table}" k SET "last" = b.last FROM bench_counters b JOIN org_agency a ON a.code = b.agency_code '
        "WHERE k.agency_id = a.id AND k.day = b.day"
    )
    cursor.execute(
        f'INSERT INTO "{table}" ("last", "agency_id", "day") SELECT b.last, a.id, b.day FROM bench_counters b '
        f'JOIN org_agency a ON a.code = b.agency_code WHERE NOT EXISTS (SELECT 1 FROM "{table}" k '
        "WHERE k.agency_id = a.id AND k.day = b.day)"
    )


__all__ = ["generate"]
