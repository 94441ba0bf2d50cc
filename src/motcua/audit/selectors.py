"""Searching the audit log by what an entry says (who, what, about which object, when).

Who may see which entries is a rule over officials' roles and the dossiers they may see, so it lives
above the log, beside the dossier visibility rule: ``motcua.dossiers.audit_access``.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import Q, QuerySet

from motcua.audit.models import AuditEntry
from motcua.audit.services import identifier_digest
from motcua.core.calendar import LOCAL_TZ
from motcua.core.parsing import parse_id


def filter_entries(
    entries: QuerySet[AuditEntry],
    *,
    actor: str = "",
    action: str = "",
    object_ref: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEntry]:
    if actor.strip():
        actor = actor.strip()
        actor_id = parse_id(actor)
        by_id = Q(actor_id=actor_id) if actor_id is not None else Q()
        entries = entries.filter(Q(actor_name__icontains=actor) | by_id)
    if action:
        entries = entries.filter(action=action)
    if object_ref.strip():
        ref = object_ref.strip()
        # Failed sign-ins keep a keyed hash of the identifier typed: find them by the identifier too.
        entries = entries.filter(Q(object_ref=ref) | Q(object_ref=identifier_digest(ref)))
    if since:
        entries = entries.filter(at__gte=datetime.combine(since, time.min, LOCAL_TZ))
    if until:
        entries = entries.filter(at__lt=datetime.combine(until, time.max, LOCAL_TZ))
    return entries.order_by("-id")
