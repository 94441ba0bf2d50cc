"""Checking the audit log: ``motcua audit verify``.

Every linked entry must sit at the next ``seq``, carry the previous entry's hash and hash (HMAC,
``AUDIT_KEY``) to its own; the chain must reach as far as, and agree with, the signed checkpoints
kept outside the database (``anchoring``). Entries not linked yet must carry their own valid MAC
and be younger than ``AUDIT_CHAIN_LAG_SECONDS``: an older one means the sequencer is not running
(or an entry was slipped in without the key).

Each entry's hash depends only on the entry and the previous hash it stores, so the chain is
checked in slices, in parallel processes (``AUDIT_VERIFY_WORKERS``), and the slices' ends are
matched afterwards: a large log is checked at the speed of every core, not one.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from multiprocessing import get_context

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

from motcua.audit.chain import GENESIS
from motcua.audit.keys import derived_key

# Below this many entries one process checks them all (and inside a test's transaction).
PARALLEL_FROM = 200_000
CHUNK = 20_000
_enc = json.encoder.encode_basestring
_encode_detail = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_at: int | None = None  # seq of the first entry that does not fit (or where a late entry would go)
    problem: str = ""
    unchained: int = 0  # entries written but not linked yet (recent ones are normal)

    @property
    def ok(self) -> bool:
        return self.broken_at is None


@dataclass(frozen=True)
class _Slice:
    first_seq: int
    last_seq: int
    checked: int
    first_previous: str | None  # previous_hash stored in the slice's first entry
    last_hash: str | None
    problem: tuple[int, str] | None


def verify(*, workers: int | None = None, parallel_from: int = PARALLEL_FROM) -> ChainReport:
    """Check the chain, its checkpoints and the entries waiting to be linked."""
    head_seq = _head_seq()
    workers = workers or settings.AUDIT_VERIFY_WORKERS or os.cpu_count() or 1
    if head_seq >= parallel_from and workers > 1 and not connection.in_atomic_block:
        slices = _in_parallel(head_seq, workers)
    else:
        slices = [_check_slice(1, head_seq)] if head_seq else []
    report = _join(slices, head_seq)
    if not report.ok:
        return report
    report = _check_unchained(report, head_seq)
    if not report.ok:
        return report
    from motcua.audit import anchoring

    seqs = anchoring.seqs_to_check()
    held = dict(_hashes_of(seqs)) if seqs else {}
    contradiction = anchoring.check_against_checkpoints(head_seq, held)
    if contradiction is None:
        return report
    return ChainReport(report.checked, contradiction[0], contradiction[1], report.unchained)


def _head_seq() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT MAX(seq) FROM audit_auditentry")
        (head,) = cursor.fetchone()
    return head or 0


def _hashes_of(seqs: list[int]):
    from motcua.audit.models import AuditEntry

    return AuditEntry.objects.filter(seq__in=seqs).values_list("seq", "hash")


def _in_parallel(head_seq: int, workers: int) -> list[_Slice]:
    size = -(-head_seq // workers)
    bounds = [(lo, min(lo + size - 1, head_seq)) for lo in range(1, head_seq + 1, size)]
    connections.close_all()
    with worker_pool(len(bounds)) as pool:
        slices = list(pool.map(_check_slice, *zip(*bounds, strict=True)))
    # A slice found wanting is checked again here before anything is reported: the report is what
    # one process finds, whatever a worker process may have got wrong.
    return [
        piece if piece.problem is None else _check_slice(piece.first_seq, piece.last_seq) for piece in slices
    ]


def worker_pool(processes: int) -> ProcessPoolExecutor:
    """Forked processes, each opening its own database connection."""
    return ProcessPoolExecutor(
        max_workers=processes, mp_context=get_context("fork"), initializer=_set_aside_inherited_connections
    )


_inherited: list = []


def _set_aside_inherited_connections() -> None:
    """In a forked worker: put aside the copies of the parent's open connections, unused and unclosed.

    ``connections.close_all()`` in the parent closes only the connections its context sees. Where an
    event loop runs in the parent's thread (Playwright's sync API in the browser tests, an ASGI
    server), Django keeps that context's connections apart from the thread's own; the worker, whose
    copy of that loop is not running, sees the thread's own, still open. Used from two processes at
    once, one socket mixes their replies: a full test run once saw a worker read no rows (an intact
    log reported broken at entry #1), and once hang for good. Closing the copy would end the
    parent's session too, so it is kept, and left behind when the worker exits."""
    for alias in connections:
        wrapper = connections[alias]
        if wrapper.connection is not None:
            _inherited.append(wrapper.connection)
            wrapper.connection = None


# PostgreSQL gives each field as text (``at`` already in the chain's UTC form, ``actor_id`` as
# its JSON) and the canonical JSON is put together here: escaping strings in the database
# (``to_json``) or hashing there (pgcrypto's ``hmac()``, with ``detail`` made canonical by a SQL
# function) measured 2-3x the CPU of this per entry, and the database's share is what limits a
# parallel check on few cores. ``detail`` (jsonb, whose text is not canonical) is put in canonical
# form once per distinct value. Should the database's text ever differ from what the chain hashed,
# the entry is checked again the exact way before anything is reported (``_exact_match``).
POSTGRESQL_ROWS = """
    SELECT seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"'),
        coalesce(actor_id::text, 'null'), actor_name, action, object_type, object_ref, detail::text, ip,
        previous_hash, hash
    FROM audit_auditentry WHERE seq >= %s AND seq <= %s ORDER BY seq LIMIT %s
"""
ROWS = (
    "SELECT seq, at, actor_id, actor_name, action, object_type, object_ref, detail, ip, previous_hash, hash "
    "FROM audit_auditentry WHERE seq >= %s AND seq <= %s ORDER BY seq LIMIT %s"
)
_DETAILS_KEPT = 100_000


def _utc_text(value) -> str:
    """``at`` as the chain hashed it: UTC, ISO 8601 with microseconds (SQLite gives UTC without a zone)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _check_slice(first: int, last: int) -> _Slice:
    """Check entries ``first``..``last``: contiguous, each linked to the one before, each hashing to its hash."""
    key = derived_key(b"chain")
    mac = _hmac_sha256(key)
    postgresql = connection.vendor == "postgresql"
    details: dict[str, str] = {}
    expected, previous, first_previous, checked = first, None, None, 0
    while expected <= last:
        with connection.cursor() as cursor:
            cursor.execute(POSTGRESQL_ROWS if postgresql else ROWS, [expected, last, CHUNK])
            rows = cursor.fetchall()
        if not rows:
            return _Slice(
                first, last, checked, first_previous, previous, (expected, f"missing entry #{expected}")
            )
        for row in rows:
            seq, prev, stored = row[0], row[-2], row[-1]
            if seq != expected:
                return _Slice(
                    first, last, checked, first_previous, previous, (expected, f"missing entry #{expected}")
                )
            if previous is None:
                first_previous = prev
            elif prev != previous:
                return _Slice(
                    first, last, checked, first_previous, previous,
                    (seq, f"entry #{seq} does not link to the previous entry"),
                )  # fmt: skip
            if postgresql:
                _seq, at_text, actor_id, actor_name, action, object_type, object_ref, detail, ip, *_ = row
                canonical = details.get(detail)
                if canonical is None:
                    if len(details) > _DETAILS_KEPT:
                        details.clear()
                    canonical = details[detail] = _encode_detail(json.loads(detail))
                payload = (
                    f'{{"action":{_enc(action)},"actor_id":{actor_id},"actor_name":{_enc(actor_name)},'
                    f'"at":"{at_text}","detail":{canonical},"ip":{_enc(ip)},"object_ref":{_enc(object_ref)},'
                    f'"object_type":{_enc(object_type)},"previous":{_enc(prev)},"seq":{seq}}}'
                ).encode("utf-8", "surrogatepass")
            else:
                payload = _payload(prev, seq, _utc_text(row[1]), *row[2:9])
            if mac(payload) != stored and not _exact_match(key, seq, stored):
                return _Slice(
                    first, last, checked, first_previous, previous,
                    (seq, f"entry #{seq} was changed after it was written"),
                )  # fmt: skip
            previous, expected, checked = stored, seq + 1, checked + 1
    return _Slice(first, last, checked, first_previous, previous, None)


def _hmac_sha256(key: bytes):
    """HMAC-SHA256 hex digests under ``key`` with the padded key hashed once: per entry only the two
    hash states are copied (``hmac.digest`` sets the key up again on every call, half its cost)."""
    block = key.ljust(64, b"\0") if len(key) <= 64 else hashlib.sha256(key).digest().ljust(64, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in block))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in block))

    def mac(payload: bytes) -> str:
        digest = inner.copy()
        digest.update(payload)
        result = outer.copy()
        result.update(digest.digest())
        return result.hexdigest()

    return mac


def _exact_match(key: bytes, seq: int, stored: str | None) -> bool:
    """The entry checked again with its canonical JSON built here, field by field."""
    with connection.cursor() as cursor:
        cursor.execute(ROWS, [seq, seq, 1])
        row = cursor.fetchone()
    payload = _payload(row[-2], seq, _utc_text(row[1]), *row[2:9])
    return hmac.compare_digest(hmac.digest(key, payload, "sha256").hex(), stored or "")


def _payload(
    previous, seq, at_text, actor_id, actor_name, action, object_type, object_ref, detail, ip
) -> bytes:
    """``chain._canonical`` of a row as the database gives it, without building a dict per row."""
    if isinstance(detail, str):
        detail = json.loads(detail)
    enc = json.encoder.encode_basestring
    return (
        f'{{"action":{enc(action)},"actor_id":{"null" if actor_id is None else actor_id},'
        f'"actor_name":{enc(actor_name)},"at":"{at_text}","detail":{_encode_detail(detail)},'
        f'"ip":{enc(ip)},"object_ref":{enc(object_ref)},"object_type":{enc(object_type)},'
        f'"previous":{enc(previous)},"seq":{seq}}}'
    ).encode("utf-8", "surrogatepass")


def _join(slices: list[_Slice], head_seq: int) -> ChainReport:
    """The first problem, in chain order, across the slices and where they meet."""
    previous_last = GENESIS
    checked = 0
    for piece in slices:
        if piece.first_previous is not None and piece.first_previous != previous_last:
            return ChainReport(
                checked, piece.first_seq, f"entry #{piece.first_seq} does not link to the previous entry"
            )
        if piece.problem is not None:
            return ChainReport(checked + piece.checked, piece.problem[0], piece.problem[1])
        checked += piece.checked
        previous_last = piece.last_hash
    return ChainReport(checked)


def _check_unchained(report: ChainReport, head_seq: int) -> ChainReport:
    """Entries waiting for the sequencer: each with its own valid MAC, none older than the allowed lag."""
    from motcua.audit.chain import CONTENT, entry_mac
    from motcua.audit.models import AuditEntry

    waiting = AuditEntry.objects.filter(seq__isnull=True).order_by("id").values_list("id", "mac", *CONTENT)
    late_before = timezone.now() - timedelta(seconds=settings.AUDIT_CHAIN_LAG_SECONDS)
    count, late = 0, 0
    for entry_id, written_mac, *content in waiting.iterator(chunk_size=CHUNK):
        fields = dict(zip(CONTENT, content, strict=True))
        if not hmac.compare_digest(entry_mac(fields), written_mac or ""):
            return ChainReport(
                report.checked,
                head_seq + 1,
                f"entry id {entry_id}, not yet in the chain, was changed or written without the audit key",
                count,
            )
        count += 1
        late += fields["at"] < late_before
    if late:
        return ChainReport(
            report.checked,
            head_seq + 1,
            f"{late} entries written more than {settings.AUDIT_CHAIN_LAG_SECONDS} s ago are not in the chain "
            "(is the sequencer running? motcua audit chain)",
            count,
        )
    return ChainReport(report.checked, unchained=count)
