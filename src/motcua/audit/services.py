"""Appending to the audit log.

An entry is written in the caller's transaction (a change and its entry commit or roll back
together) with its own MAC and no lock; its place in the hash chain is given afterwards by the
sequencer (``audit.chain``), or at once when ``AUDIT_CHAIN`` is ``inline``. Checking the chain:
``audit.verification``.
"""

from __future__ import annotations

import json

from django.db import transaction
from django.utils import timezone

from motcua.audit.chain import GENESIS, chains_inline, entry_hash, entry_mac, link_at_once
from motcua.audit.context import current_ip
from motcua.audit.keys import mac
from motcua.audit.models import Action, AuditEntry
from motcua.audit.verification import ChainReport, verify

__all__ = ["GENESIS", "ChainReport", "entry_hash", "record", "verify"]  # entry_hash: migration 0002


def _actor(user) -> tuple[int | None, str]:
    if user is None or not getattr(user, "is_authenticated", False):
        return None, ""
    return user.pk, (getattr(user, "full_name", "") or user.get_username())


def identifier_digest(identifier: str) -> str:
    """What a failed sign-in keeps of the identifier typed: a keyed hash, so repeated attempts on one
    account still group, but a password typed into the user field is never stored."""
    digest = mac(b"identifier", identifier.strip().lower().encode("utf-8", "surrogatepass"))
    return "h:" + digest[:32]


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
    values = {
        "at": at,
        "actor_id": actor_id,
        "actor_name": (actor_name or name)[:255],
        "action": action,
        "object_type": object_type[:40],
        "object_ref": object_ref[:120],
        "detail": detail,
        "ip": (current_ip() if ip is None else ip)[:45],
    }
    if not chains_inline():
        return AuditEntry.objects.create(mac=entry_mac(values), **values)
    with transaction.atomic():  # the chain's lock held until the caller commits: one writer at a time
        return AuditEntry.objects.create(mac=entry_mac(values), **link_at_once(values), **values)


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
