"""Appending to the audit log and checking its chain.

Each entry's hash is an HMAC-SHA256 over the entry and the previous hash, keyed
with ``settings.AUDIT_KEY`` (kept outside the database): editing a row and
recomputing the chain needs the key, and ``verify`` also compares the chain with
the signed checkpoints written outside the database (``anchoring``), so removing
the newest entries is noticed too. The MAC depends only on the entry and the one
before it, so a single writer appending a batch computes the same chain.

Appends are serialised so that two writers never chain onto the same previous
entry: PostgreSQL takes a transaction-scoped advisory lock; SQLite transactions
are ``IMMEDIATE`` (settings), so the write lock is held from the first read of
the chain's head.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC

from django.db import connection, transaction
from django.utils import timezone

from motcua.audit.context import current_ip
from motcua.audit.keys import mac
from motcua.audit.models import Action, AuditEntry

GENESIS = "0" * 64
# Any constant distinct from other advisory locks in the database ("audit" in ASCII).
ADVISORY_LOCK_KEY = 0x6175646974


def _actor(user) -> tuple[int | None, str]:
    if user is None or not getattr(user, "is_authenticated", False):
        return None, ""
    return user.pk, (getattr(user, "full_name", "") or user.get_username())


def identifier_digest(identifier: str) -> str:
    """What a failed sign-in keeps of the identifier typed: a keyed hash, so repeated attempts on one
    account still group, but a password typed into the user field is never stored."""
    digest = mac(b"identifier", identifier.strip().lower().encode("utf-8", "surrogatepass"))
    return "h:" + digest[:32]


def entry_hash(
    *, previous_hash: str, seq: int, at, actor_id, actor_name, action, object_type, object_ref, detail, ip
) -> str:
    """HMAC-SHA256 (key: settings.AUDIT_KEY) over a canonical JSON of the entry and the previous hash."""
    payload = json.dumps(
        {
            "previous": previous_hash,
            "seq": seq,
            "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor_id": actor_id,
            "actor_name": actor_name,
            "action": action,
            "object_type": object_type,
            "object_ref": object_ref,
            "detail": detail,
            "ip": ip,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return mac(b"chain", payload.encode("utf-8", "surrogatepass"))


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])


def record(
    *,
    action: str,
    user=None,
    object_type: str = "",
    object_ref: str = "",
    detail: dict | None = None,
    ip: str | None = None,
    actor_name: str = "",
) -> AuditEntry:
    """Append one entry (in the caller's transaction when there is one, so a change and its entry
    commit or roll back together)."""
    actor_id, name = _actor(user)
    detail = json.loads(json.dumps(detail or {}, default=str))  # what the database will give back
    at = timezone.now()
    with transaction.atomic():
        _lock_chain()
        head = AuditEntry.objects.order_by("-seq").values_list("seq", "hash").first()
        seq, previous = (head[0] + 1, head[1]) if head else (1, GENESIS)
        values = {
            "seq": seq,
            "at": at,
            "actor_id": actor_id,
            "actor_name": (actor_name or name)[:255],
            "action": action,
            "object_type": object_type[:40],
            "object_ref": object_ref[:120],
            "detail": detail,
            "ip": (current_ip() if ip is None else ip)[:45],
        }
        return AuditEntry.objects.create(
            previous_hash=previous, hash=entry_hash(previous_hash=previous, **values), **values
        )


def record_dossier_read(*, user, dossier, what: str = "detail") -> None:
    """An official (or administrator) looked at a dossier's personal data."""
    if user is None or not user.is_authenticated or user.pk == dossier.applicant_id:
        return  # applicants reading their own dossiers are not a disclosure
    record(
        action=Action.READ,
        user=user,
        object_type="dossier",
        object_ref=dossier.code or str(dossier.uuid),
        detail={"view": what},
    )


def record_dossier_list(*, user, codes: list[str], what: str) -> None:
    """An official saw a page of dossiers (applicants' names among them)."""
    if (
        user is None
        or not user.is_authenticated
        or getattr(user, "official", None) is None
        and not user.is_superuser
    ):
        return
    if codes:
        record(
            action=Action.LIST,
            user=user,
            object_type="dossier",
            object_ref=f"{len(codes)}",
            detail={"view": what, "codes": codes},
        )


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_at: int | None = None  # seq of the first entry that does not fit
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify(batch: int = 2000) -> ChainReport:
    """Walk the chain from the first entry: each must link to the one before and hash to its own hash."""
    previous_hash, expected_seq, checked = GENESIS, 1, 0
    last_seq = 0
    while True:
        rows = list(AuditEntry.objects.filter(seq__gt=last_seq).order_by("seq")[:batch])
        if not rows:
            return _compare_with_checkpoints(checked, last_seq)
        for row in rows:
            if row.seq != expected_seq:
                return ChainReport(checked, expected_seq, f"missing entry #{expected_seq}")
            if row.previous_hash != previous_hash:
                return ChainReport(checked, row.seq, f"entry #{row.seq} does not link to the previous entry")
            recomputed = entry_hash(
                previous_hash=row.previous_hash,
                seq=row.seq,
                at=row.at,
                actor_id=row.actor_id,
                actor_name=row.actor_name,
                action=row.action,
                object_type=row.object_type,
                object_ref=row.object_ref,
                detail=row.detail,
                ip=row.ip,
            )
            if recomputed != row.hash:
                return ChainReport(checked, row.seq, f"entry #{row.seq} was changed after it was written")
            previous_hash, expected_seq, checked = row.hash, row.seq + 1, checked + 1
            last_seq = row.seq


def _compare_with_checkpoints(checked: int, head_seq: int) -> ChainReport:
    """The chain is whole; does it still reach as far as, and agree with, what was anchored outside?"""
    from motcua.audit import anchoring

    seqs = anchoring.seqs_to_check()
    held = dict(AuditEntry.objects.filter(seq__in=seqs).values_list("seq", "hash")) if seqs else {}
    contradiction = anchoring.check_against_checkpoints(head_seq, held)
    if contradiction is None:
        return ChainReport(checked)
    return ChainReport(checked, contradiction[0], contradiction[1])
