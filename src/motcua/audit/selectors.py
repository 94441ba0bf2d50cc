"""Searching the audit log: a superuser sees all of it; an agency's administrator only what the
access rule lets them see.

An administrator of an agency sees the entries about dossiers they may see (reads, changes,
exports, denials) and what the officials of the agencies they administer did (sign-ins, lists
viewed, denials). Lists viewed elsewhere in the province, other departments' dossiers and failed
sign-ins (no account yet, an address and a hashed identifier) stay with the superusers.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import Q, QuerySet

from motcua.audit.models import Action, AuditEntry
from motcua.audit.services import identifier_digest
from motcua.core.calendar import LOCAL_TZ
from motcua.core.parsing import parse_id
from motcua.org.models import Role, RoleAssignment
from motcua.org.selectors import agency_ids_for


def may_search(user) -> bool:
    """A superuser, or an official with the administrator role somewhere."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    official = getattr(user, "official", None)
    return official is not None and RoleAssignment.objects.filter(official=official, role=Role.ADMIN).exists()


def visible_entries(user) -> QuerySet[AuditEntry]:
    if not may_search(user):
        return AuditEntry.objects.none()
    if user.is_superuser:
        return AuditEntry.objects.all()
    from motcua.dossiers.selectors import dossiers_visible_to

    administered = agency_ids_for(user.official, [Role.ADMIN])
    colleagues = RoleAssignment.objects.filter(agency_id__in=administered).values("official__user_id")
    about_visible_dossiers = Q(
        object_type="dossier", object_ref__in=dossiers_visible_to(user).values("code")
    ) & ~Q(action=Action.LIST)
    return AuditEntry.objects.filter(about_visible_dossiers | Q(actor_id__in=colleagues))


def search(
    *,
    user,
    actor: str = "",
    action: str = "",
    object_ref: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEntry]:
    entries = visible_entries(user)
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
