"""A province's year of dossiers, fast: the demo's dossiers (made through the real services, so
their histories, steps, pauses, payments, ratings and look-up tokens are genuine) copied into
``total`` dossiers spread over a year, with ~0.3 x ``total`` new applicants.

Rows are written with COPY on PostgreSQL and ``executemany`` on SQLite, in chunks, with the
database's triggers off while loading (``session_replication_role = replica`` on PostgreSQL;
the outbox trigger dropped and put back on SQLite): a year of history is not news to relay, so
the copies add nothing to the outbox. The audit log is left as the demo wrote it (the copies are
data loaded by an administrator, not changes made by users); attachments and signed results are
not copied (their files would be shared between dossiers).

Every copy is one template dossier with all its rows: ids renumbered, dates moved back (closed
dossiers anywhere in the past year, open ones by up to three days, so a few are overdue), a new
code in the receiving agency's daily sequence, new unique tokens, and a new applicant.
"""

from __future__ import annotations

import json
import random
import secrets
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from motcua.accounts.identity import compose_personal_id
from motcua.accounts.models import User
from motcua.dossiers.models import CodeCounter, Dossier
from motcua.dossiers.states import CLOSED_STATUSES, Status

OPEN_SHARE = 0.05
CHUNK = 5000
# Rows that carry files (attachments, signed results) or that belong to another story (feedback
# threads, the audit log, the outbox) are not copied.
# The reports' figures and open work (``reports.OpenDossier``, keyed by its dossier) are derived from
# the dossiers' history: copying them row by row would count each copy against its template;
# ``motcua reports rebuild`` recomputes them when a benchmark needs the dashboard.
SKIPPED_APPS = {"documents", "signing", "audit", "integration", "privacy", "search", "reports"}
SKIPPED_MODELS = {"feedback.feedback"}


def _cloned_models() -> list[type[models.Model]]:
    """The dossier, then every model hanging from it (directly, or through one of them)."""
    chosen: list[type[models.Model]] = [Dossier]
    changed = True
    while changed:
        changed = False
        for model in apps.get_models():
            label = model._meta.label_lower
            if model in chosen or model._meta.app_label in SKIPPED_APPS or label in SKIPPED_MODELS:
                continue
            parents = [
                f
                for f in model._meta.concrete_fields
                if f.is_relation and f.related_model in chosen and not f.null
            ]
            if parents:
                chosen.append(model)
                changed = True
    return chosen


@dataclass
class Plan:
    """How to copy one model's rows: per column, what changes in a copy."""

    model: type[models.Model]
    columns: list[str]
    fields: list[models.Field]
    parent_index: dict[int, type[models.Model]] = field(default_factory=dict)  # FK column -> cloned model
    user_index: list[int] = field(default_factory=list)  # FK to a user (the applicant becomes the new one)
    time_index: list[int] = field(default_factory=list)
    date_index: list[int] = field(default_factory=list)
    uuid_index: list[int] = field(default_factory=list)
    token_index: list[int] = field(default_factory=list)
    suffix_index: list[int] = field(default_factory=list)
    json_index: list[int] = field(default_factory=list)

    @property
    def table(self) -> str:
        return self.model._meta.db_table


def _plan(model, cloned) -> Plan:
    fields = list(model._meta.concrete_fields)
    plan = Plan(model, [f.column for f in fields], fields)
    for i, f in enumerate(fields):
        if f.primary_key:
            continue
        if f.is_relation:
            if f.related_model in cloned:
                plan.parent_index[i] = f.related_model
            elif f.related_model is User:
                plan.user_index.append(i)
        elif isinstance(f, models.DateTimeField):
            plan.time_index.append(i)
        elif isinstance(f, models.DateField):
            plan.date_index.append(i)
        elif isinstance(f, models.UUIDField) and f.unique:
            plan.uuid_index.append(i)
        elif isinstance(f, models.CharField) and f.unique and not (model is Dossier and f.name == "code"):
            (plan.token_index if "token" in f.name else plan.suffix_index).append(i)
        elif isinstance(f, models.JSONField):
            plan.json_index.append(i)
    return plan


class Writer:
    """COPY on PostgreSQL, executemany on SQLite; values in the database's own form."""

    def __init__(self):
        self.postgresql = connection.vendor == "postgresql"

    def time(self, value: datetime | None):
        """A time as the database takes it: aware on PostgreSQL, naive UTC text on SQLite (as Django
        writes it). Templates hold their times already naive on SQLite (``prepare``)."""
        if value is None or self.postgresql:
            return value
        return str(value)

    def prepare(self, value: datetime | None):
        if value is None or self.postgresql:
            return value
        return value.astimezone(UTC).replace(tzinfo=None)

    def uuid(self, value: uuid.UUID):
        return value if self.postgresql else value.hex

    def write(self, table: str, columns: list[str], rows: list[list]) -> None:
        if not rows:
            return
        with connection.cursor() as cursor:
            if self.postgresql:
                names = ", ".join(f'"{c}"' for c in columns)
                with cursor.cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                names = ", ".join(f'"{c}"' for c in columns)
                marks = ", ".join("?" * len(columns))
                cursor.cursor.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)

    def triggers_off(self) -> list[str]:
        with connection.cursor() as cursor:
            if self.postgresql:
                cursor.execute("SET session_replication_role = replica")
                return []
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'dossiers_dossierevent'"
            )
            found = cursor.fetchall()
            for name, _sql in found:
                cursor.execute(f'DROP TRIGGER "{name}"')
            return [sql for _name, sql in found]

    def triggers_on(self, saved: list[str]) -> None:
        with connection.cursor() as cursor:
            if self.postgresql:
                cursor.execute("SET session_replication_role = DEFAULT")
            for sql in saved:
                cursor.execute(sql)


def _next_id(model) -> int:
    found = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (found or 0) + 1


def _applicants(writer: Writer, rng: random.Random, count: int) -> list[tuple[int, str, str, str, str]]:
    """``count`` new citizens: (id, name, personal id, phone, email)."""
    from motcua.demo.organisation import FAMILY, GIVEN, MIDDLE_FEMALE, MIDDLE_MALE

    template = User.objects.filter(kind=User.Kind.CITIZEN).first()
    fields = list(User._meta.concrete_fields)
    values = {f.attname: getattr(template, f.attname) for f in fields}
    password = make_password("bench-scale-not-for-sign-in")
    start = _next_id(User)
    used = set(User.objects.exclude(personal_id=None).values_list("personal_id", flat=True))
    people, rows, serial = [], [], 500_000
    now = timezone.now()
    for n in range(count):
        male = rng.random() < 0.5
        while True:
            serial += 1
            number = compose_personal_id(
                birth_year=rng.randint(1950, 2006), male=male, province="042", serial=serial
            )
            if number not in used:
                break
        name = (
            f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_MALE if male else MIDDLE_FEMALE)} {rng.choice(GIVEN)}"
        )
        person = (
            start + n,
            name,
            number,
            f"09{rng.randint(10_000_000, 99_999_999)}",
            f"nguoinop{serial}@example.vn",
        )
        people.append(person)
        row = dict(values)
        row.update(
            id=person[0],
            username=number,
            personal_id=number,
            tax_code=None,
            full_name=name,
            phone=person[3],
            email=person[4],
            is_male=male,
            password=password,
            date_joined=now,
            last_login=None,
        )
        rows.append(row)
    columns = [f.column for f in fields]
    out = []
    for row in rows:
        line = []
        for f in fields:
            value = row[f.attname]
            if isinstance(f, models.DateTimeField):
                value = writer.time(value)
            elif isinstance(f, models.UUIDField) and value is not None:
                value = writer.uuid(value)
            elif isinstance(f, models.DateField) and value is not None and not writer.postgresql:
                value = value.isoformat()
            elif isinstance(f, models.JSONField):
                value = json.dumps(value)
            line.append(value)
        out.append(line)
        if len(out) >= CHUNK:
            writer.write(User._meta.db_table, columns, out)
            out = []
    writer.write(User._meta.db_table, columns, out)
    return people


@dataclass
class Template:
    dossier_id: int
    closed: bool
    applicant_id: int
    applicant_name: str
    receiving_code: str
    rows: dict[type[models.Model], list[list]]  # per model, the rows in field order (Python values)


def _templates(plans: list[Plan], writer: Writer) -> list[Template]:
    dossiers = list(
        Dossier.objects.exclude(status=Status.DRAFT).select_related("receiving_agency").order_by("id")
    )
    by_id = {
        d.id: Template(
            d.id,
            d.status in CLOSED_STATUSES,
            d.applicant_id,
            d.applicant_name,
            d.receiving_agency.code,
            defaultdict(list),
        )
        for d in dossiers
    }
    owner_of: dict[type[models.Model], dict[int, int]] = {}  # model -> row id -> dossier id
    for plan in plans:
        attnames = [f.attname for f in plan.fields]
        owner_of[plan.model] = {}
        parent = next(iter(plan.parent_index.items()), None)
        for values in plan.model.objects.order_by("pk").values_list(*attnames):
            if plan.model is Dossier:
                dossier_id = values[0]
            else:
                position, parent_model = parent
                dossier_id = owner_of[parent_model].get(values[position])
            if dossier_id not in by_id:
                continue
            owner_of[plan.model][values[0]] = dossier_id
            row = list(values)
            for i in plan.time_index:
                row[i] = writer.prepare(row[i])
            for i in plan.json_index:
                row[i] = json.dumps(row[i])
            by_id[dossier_id].rows[plan.model].append(row)
    return list(by_id.values())


def generate(*, total: int, seed: int = 20261206, log=print) -> dict:
    """Add ``total`` dossiers (copies of the demo's) and ~0.3 x ``total`` applicants."""
    started = time.monotonic()
    rng = random.Random(seed)
    writer = Writer()
    cloned = _cloned_models()
    plans = [_plan(model, cloned) for model in cloned]
    if writer.postgresql:  # the server makes the copies (``province_in_sql``): minutes for a million
        from motcua_bench import province_in_sql

        log(f"copying {', '.join(p.table for p in plans)} in the database")
        return province_in_sql.generate(total=total, seed=seed, plans=plans, log=log)
    templates = _templates(plans, writer)
    closed = [t for t in templates if t.closed]
    open_ = [t for t in templates if not t.closed]
    if not closed or not open_:
        raise RuntimeError("the demo dossiers are missing: run `motcua demo` first")
    log(f"{len(templates)} template dossiers; copying {', '.join(p.table for p in plans)}")
    next_ids = {plan.model: _next_id(plan.model) for plan in plans}
    counters: dict[tuple[str, str], int] = {}
    for code, day, last in CodeCounter.objects.values_list("agency__code", "day", "last"):
        counters[(code, day.strftime("%y%m%d"))] = last
    agency_of_code = dict(
        Dossier.objects.values_list("receiving_agency__code", "receiving_agency_id").distinct()
    )
    with transaction.atomic():
        saved = writer.triggers_off()
        people = _applicants(writer, rng, max(1, int(total * 0.3)))
        log(f"{len(people)} applicants in {time.monotonic() - started:.0f} s")
        done = 0
        while done < total:
            size = min(CHUNK, total - done)
            out = {plan.model: [] for plan in plans}
            for _ in range(size):
                is_open = rng.random() < OPEN_SHARE
                template = rng.choice(open_ if is_open else closed)
                shift = timedelta(
                    seconds=rng.uniform(0, 3 * 86400) if is_open else rng.uniform(0, 360 * 86400)
                )
                _copy(template, plans, out, next_ids, shift, rng.choice(people), counters, writer)
            for plan in plans:
                writer.write(plan.table, plan.columns, out[plan.model])
            done += size
            log(f"{done} dossiers in {time.monotonic() - started:.0f} s")
        _write_counters(writer, counters, agency_of_code)
        writer.triggers_on(saved)
    _after_load(plans)
    return {"dossiers": total, "applicants": len(people), "seconds": round(time.monotonic() - started, 1)}


def _copy(template: Template, plans, out, next_ids, shift, person, counters, writer) -> None:
    person_id, name, number, phone, email = person
    ids: dict[type[models.Model], dict[int, int]] = {}
    for plan in plans:
        rows = template.rows.get(plan.model)
        if not rows:
            continue
        mapping = ids.setdefault(plan.model, {})
        for values in rows:
            row = list(values)
            new_id = next_ids[plan.model]
            next_ids[plan.model] = new_id + 1
            mapping[row[0]] = new_id
            row[0] = new_id
            for i, parent in plan.parent_index.items():
                if row[i] is not None:
                    row[i] = ids[parent][row[i]]
            for i in plan.user_index:
                if row[i] == template.applicant_id:
                    row[i] = person_id
            for i in plan.time_index:
                if row[i] is not None:
                    row[i] = writer.time(row[i] - shift)
            for i in plan.date_index:
                if row[i] is not None:
                    day = row[i] - timedelta(days=shift.days)
                    row[i] = day if writer.postgresql else day.isoformat()
            for i in plan.uuid_index:
                row[i] = writer.uuid(uuid.uuid4())
            for i in plan.token_index:
                if row[i] is not None:
                    row[i] = secrets.token_urlsafe(16)
            for i in plan.suffix_index:
                if row[i] is not None:
                    width = plan.fields[i].max_length
                    row[i] = (f"{row[i]}~{new_id:x}")[-width:]
            if plan.model is Dossier:
                _as_new_applicant(plan, row, values, person, template, counters, shift, writer)
            elif "actor_name" in plan.columns:
                i = plan.columns.index("actor_name")
                if row[i] == template.applicant_name:
                    row[i] = name
            out[plan.model].append(row)


_DOSSIER_COLUMNS: dict[str, int] = {}


def _as_new_applicant(plan, row, values, person, template, counters, shift, writer) -> None:
    if not _DOSSIER_COLUMNS:
        _DOSSIER_COLUMNS.update({c: i for i, c in enumerate(plan.columns)})
    c = _DOSSIER_COLUMNS
    person_id, name, number, phone, email = person
    row[c["applicant_id"]] = person_id
    row[c["applicant_name"]] = name
    row[c["applicant_id_number"]] = number
    row[c["applicant_phone"]] = phone
    row[c["applicant_email"]] = email
    when = values[c["submitted_at"]] or values[c["created_at"]]
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    day = timezone.localtime(when - shift).strftime("%y%m%d")
    key = (template.receiving_code, day)
    counters[key] = counters.get(key, 0) + 1
    row[c["code"]] = f"{template.receiving_code}-{day}-{counters[key]:04d}"


def _write_counters(writer: Writer, counters, agency_of_code) -> None:
    """The daily sequences go on after the copies (a dossier filed today gets the next number)."""
    known = {
        (code, day.strftime("%y%m%d")) for code, day in CodeCounter.objects.values_list("agency__code", "day")
    }
    table = CodeCounter._meta.db_table
    updates, inserts = [], []
    for (code, day), last in counters.items():
        agency_id = agency_of_code.get(code)
        if agency_id is None:
            continue
        date = datetime.strptime(day, "%y%m%d").date()
        date = date if writer.postgresql else date.isoformat()
        (updates if (code, day) in known else inserts).append([last, agency_id, date])
    mark = "%s" if writer.postgresql else "?"
    with connection.cursor() as cursor:
        cursor.executemany(
            f'UPDATE "{table}" SET "last" = {mark} WHERE "agency_id" = {mark} AND "day" = {mark}', updates
        )
    writer.write(table, ["last", "agency_id", "day"], inserts)


def _after_load(plans) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for plan in plans + [_plan(User, [])]:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('\"{plan.table}\"', 'id'), (SELECT max(id) FROM \"{plan.table}\"))"
                )
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # A year-old table has been vacuumed many times over (autovacuum runs after inserts):
            # without a visibility map every index-only scan (the capped counts) reads the rows too.
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
