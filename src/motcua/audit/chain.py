"""The audit log's hash chain, linked off the commit path by a single writer (the sequencer).

An entry is written in the caller's transaction with its own MAC (``mac``, keyed with
``settings.AUDIT_KEY``) but without a place in the chain (``seq`` NULL): no lock, so
concurrent submissions never queue behind each other's audit entry. The sequencer then
links the committed entries, in the order it sees them committed, one batch per
transaction: each gets the next ``seq``, the previous entry's hash and its chain hash
(HMAC over the entry, its ``seq`` and the previous hash). It is idempotent and safe to run
anywhere at any time: sequencers queue on one advisory lock (PostgreSQL; SQLite's write
lock serialises them anyway), and an entry already linked is never picked again.

Between its write and its link, an entry is protected by its own MAC (an entry inserted
without the key, or changed, is refused by the sequencer and reported by ``verify``);
``verify`` also reports entries left unlinked longer than ``AUDIT_CHAIN_LAG_SECONDS``.

``AUDIT_CHAIN``: ``inline`` links each entry in the transaction that writes it (SQLite's
default: its transactions already hold the one write lock, so this costs no concurrency);
``sequencer`` leaves linking to ``chain_pending``, run every ``AUDIT_CHAIN_SECONDS`` by the
periodic job ``motcua.audit.chain``, before each checkpoint and by ``motcua audit chain``
(PostgreSQL's default).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC
from json.encoder import encode_basestring

from django.conf import settings
from django.db import connection, transaction

from motcua.audit.keys import derived_key

GENESIS = "0" * 64
# Any constant distinct from other advisory locks in the database ("audit" in ASCII).
ADVISORY_LOCK_KEY = 0x6175646974
BATCH = 5000
CONTENT = ("at", "actor_id", "actor_name", "action", "object_type", "object_ref", "detail", "ip")


def _canonical(fields: dict) -> bytes:
    """Canonical JSON (sorted keys, no spaces, UTF-8) of the entry's fields; ``at`` as UTC ISO text.

    Byte for byte ``json.dumps(..., sort_keys=True, ensure_ascii=False, separators=(",", ":"))``,
    built by hand because the outer keys are known: it is what ``verify`` spends its time on.
    """
    parts = []
    for key in sorted(fields):
        value = fields[key]
        if key == "at":
            text = encode_basestring(value.astimezone(UTC).isoformat(timespec="microseconds"))
        elif isinstance(value, str):
            text = encode_basestring(value)
        elif value is None:
            text = "null"
        elif isinstance(value, int):
            text = str(value)
        else:
            text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        parts.append(f'"{key}":{text}')
    return ("{" + ",".join(parts) + "}").encode("utf-8", "surrogatepass")


def entry_hash(
    *, previous_hash: str, seq: int, at, actor_id, actor_name, action, object_type, object_ref, detail, ip
) -> str:
    """The chain hash: HMAC-SHA256 (key derived from settings.AUDIT_KEY) over the entry, its place
    and the previous entry's hash."""
    fields = {
        "at": at,
        "actor_id": actor_id,
        "actor_name": actor_name,
        "action": action,
        "object_type": object_type,
        "object_ref": object_ref,
        "detail": detail,
        "ip": ip,
    }
    return _hmac(derived_key(b"chain"), _canonical({**fields, "previous": previous_hash, "seq": seq}))


def entry_mac(fields: dict) -> str:
    """The entry's own MAC (``fields``: the entry's CONTENT), written with it: whoever lacks the key
    can neither forge an entry for the sequencer to link nor change one before it is linked."""
    return _hmac(derived_key(b"entry"), _canonical(fields))


def _hmac(key: bytes, payload: bytes) -> str:
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def chains_inline() -> bool:
    return settings.AUDIT_CHAIN == "inline"


def _lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])


def link_at_once(fields: dict) -> dict:
    """``inline``: the entry's place in the chain, taken in the caller's transaction (the chain's
    lock is held until it commits): the columns to write with it."""
    from motcua.audit.models import AuditEntry

    _lock()
    head = AuditEntry.objects.filter(seq__isnull=False).order_by("-seq").values_list("seq", "hash").first()
    seq, previous = (head[0] + 1, head[1]) if head else (1, GENESIS)
    chained = _hmac(derived_key(b"chain"), _canonical({**fields, "previous": previous, "seq": seq}))
    return {"seq": seq, "previous_hash": previous, "hash": chained}


def chain_pending(*, batch: int = BATCH) -> int:
    """Link every committed entry not yet in the chain, oldest first; returns how many were linked.

    An entry whose own MAC does not match (forged without the key, or changed) is left out of the
    chain, where ``verify`` reports it."""
    from motcua.audit.models import AuditEntry

    chain_key, entry_key = derived_key(b"chain"), derived_key(b"entry")
    linked, after_id = 0, 0
    while True:
        with transaction.atomic():
            _lock()
            head = (
                AuditEntry.objects.filter(seq__isnull=False)
                .order_by("-seq")
                .values_list("seq", "hash")
                .first()
            )
            seq, previous = head if head else (0, GENESIS)
            rows = list(
                AuditEntry.objects.filter(seq__isnull=True, id__gt=after_id)
                .order_by("id")
                .values_list("id", "mac", *CONTENT)[:batch]
            )
            links = []
            for entry_id, written_mac, *content in rows:
                fields = dict(zip(CONTENT, content, strict=True))
                if not hmac.compare_digest(_hmac(entry_key, _canonical(fields)), written_mac or ""):
                    continue
                seq += 1
                chain_hash = _hmac(chain_key, _canonical({**fields, "previous": previous, "seq": seq}))
                links.append((seq, chain_hash, previous, entry_id))
                previous = chain_hash
            if links:
                with connection.cursor() as cursor:
                    cursor.executemany(
                        "UPDATE audit_auditentry SET seq = %s, hash = %s, previous_hash = %s WHERE id = %s",
                        links,
                    )
        linked += len(links)
        if len(rows) < batch:
            return linked
        after_id = rows[-1][0]
