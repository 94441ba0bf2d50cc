"""Searching the audit log (administrators only)."""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import Q, QuerySet

from motcua.audit.models import AuditEntry
from motcua.core.calendar import LOCAL_TZ
from motcua.core.parsing import parse_id
from motcua.org.models import Role, RoleAssignment


def may_search(user) -> bool:
    """A superuser, or an official with the administrator role somewhere."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    official = getattr(user, "official", None)
    return official is not None and RoleAssignment.objects.filter(official=official, role=Role.ADMIN).exists()


def search(
    *,
    actor: str = "",
    action: str = "",
    object_ref: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.all()
    if actor.strip():
        actor = actor.strip()
        actor_id = parse_id(actor)
        by_id = Q(actor_id=actor_id) if actor_id is not None else Q()
        entries = entries.filter(Q(actor_name__icontains=actor) | by_id)
    if action:
        entries = entries.filter(action=action)
    if object_ref.strip():
        ref = object_ref.strip()
        entries = entries.filter(object_ref=ref)
    if since:
        entries = entries.filter(at__gte=datetime.combine(since, time.min, LOCAL_TZ))
    if until:
        entries = entries.filter(at__lt=datetime.combine(until, time.max, LOCAL_TZ))
    return entries.order_by("-seq")
