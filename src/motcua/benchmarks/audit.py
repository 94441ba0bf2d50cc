"""``motcua audit verify`` on a generated log of ``MOTCUA_BENCH_AUDIT_ENTRIES`` entries (1,000,000
by default) on PostgreSQL: entries checked per second with every core, beside one process (the
walk as it was before issue 19, one slice), measured in the same run on the same log.

The log is written with COPY, each entry hashed into the chain here with the same key the
command is given (``MOTCUA_AUDIT_KEY``): changes, reads of personal data and lists, as officials
make them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import time
import uuid
from datetime import UTC, datetime, timedelta

from motcua.audit.chain import GENESIS, _canonical
from motcua.benchmarks.harness import Figure, Report, fresh_database, motcua, postgres_available

ENTRIES = int(os.environ.get("MOTCUA_BENCH_AUDIT_ENTRIES", "1000000"))
KEY = "bench-audit-key-not-a-secret"
EVENTS = [
    ("submitted", "", "submitted"),
    ("received", "submitted", "received"),
    ("processing_started", "received", "processing"),
]
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thu Dung", "Hồ Đức Em"]


def _key(purpose: bytes) -> bytes:
    return hmac.new(KEY.encode(), purpose, hashlib.sha256).digest()


def _entries(count: int):
    chain_key, entry_key = _key(b"chain"), _key(b"entry")
    start = datetime(2026, 1, 2, 1, 30, tzinfo=UTC)
    previous = GENESIS
    for seq in range(1, count + 1):
        kind = seq % 10
        code = f"000.00.12.H30-260102-{seq % 9999:04d}"
        if kind < 6:
            event, before, after = EVENTS[seq % 3]
            fields = {
                "action": "change",
                "detail": {"event": event, "from": before, "to": after, "seq": seq % 7 + 1},
            }
        elif kind < 9:
            view = "detail" if seq % 3 else f"file:{uuid.UUID(int=seq * 7919)}"
            fields = {"action": "read", "detail": {"view": view}}
        else:
            codes = [
                f"000.00.12.H30-26{seq // 9999 % 12 + 1:02d}{n:02d}-{seq % 9999:04d}" for n in range(1, 21)
            ]
            fields = {"action": "list", "detail": {"view": "queue", "codes": codes}}
        fields.update(
            at=start + timedelta(microseconds=seq * 31_557),
            actor_id=seq % 230 + 1,
            actor_name=NAMES[seq % len(NAMES)],
            object_type="dossier",
            object_ref=code,
            ip=f"10.0.{seq % 250}.{seq % 200}",
        )
        own = hmac.new(entry_key, _canonical(fields), hashlib.sha256).hexdigest()
        chained = hmac.new(
            chain_key, _canonical({**fields, "previous": previous, "seq": seq}), hashlib.sha256
        )
        yield (
            seq, fields["at"], fields["actor_id"], fields["actor_name"], fields["action"], "dossier",
            fields["object_ref"], json.dumps(fields["detail"], ensure_ascii=False), fields["ip"],
            previous, chained.hexdigest(), own,
        )  # fmt: skip
        previous = chained.hexdigest()


def _generate(env: dict, count: int) -> None:
    import psycopg

    columns = (
        "seq, at, actor_id, actor_name, action, object_type, object_ref, detail, ip, previous_hash, hash, mac"
    )
    with psycopg.connect(env["MOTCUA_DATABASE_URL"]) as connection:
        with connection.cursor() as cursor:
            with cursor.copy(f"COPY audit_auditentry ({columns}) FROM STDIN") as copy:
                for row in _entries(count):
                    copy.write_row(row)
        connection.execute("ANALYZE audit_auditentry")


def _verify(env: dict, workers: int) -> tuple[float, float]:
    """(entries/s as the command measured its check, wall seconds of the whole command)."""
    started = time.perf_counter()
    out = motcua("audit", "verify", "--workers", str(workers), env=env, capture=True)
    wall = time.perf_counter() - started
    match = re.search(r"intact: (\d+) entries in ([\d.]+) s", out)
    if match is None or int(match.group(1)) != ENTRIES:
        raise RuntimeError(f"verify did not pass over the whole log: {out.strip()}")
    return int(match.group(1)) / max(float(match.group(2)), 1e-9), wall


def run(report: Report) -> None:
    report.section(f"audit verify on PostgreSQL, {ENTRIES:,} entries")
    if not postgres_available():
        report.note("!!!!!!!! PostgreSQL not reachable: the audit figures are SKIPPED !!!!!!!!")
        return
    with fresh_database("postgresql") as env:
        env = {**env, "MOTCUA_AUDIT_KEY": KEY}
        started = time.perf_counter()
        _generate(env, ENTRIES)
        report.note(f"log generated with COPY in {time.perf_counter() - started:.0f} s")
        workers = os.cpu_count() or 1
        ours, ours_wall = _verify(env, workers)
        one, one_wall = _verify(env, 1)
        report.note(
            f"wall time of the command: {ours_wall:.1f} s ({workers} processes), {one_wall:.1f} s (one)"
        )
        report.add(Figure(f"audit verify, {workers} processes", ours, "entries/s", one, "one process"))
