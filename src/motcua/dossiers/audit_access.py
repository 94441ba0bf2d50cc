"""Who sees which audit entries: a superuser all of them; an agency's administrator only what the
access rule lets them see.

An administrator of an agency sees the entries about dossiers they may see (reads, changes,
exports, denials) and what the officials of the agencies they administer did (sign-ins, lists
viewed, denials). Lists viewed elsewhere in the province, other departments' dossiers and failed
sign-ins (no account yet, an address and a hashed identifier) stay with the superusers.

The rule needs officials' roles (``org``) and the dossier visibility rule, so it lives here and not in
``audit`` (which every floor writes to, and so sits below them all).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from motcua.audit.models import Action, AuditEntry
from motcua.audit.selectors import filter_entries
from motcua.dossiers.selectors import dossiers_visible_to
from motcua.org.models import Role, RoleAssignment
from motcua.org.selectors import agency_ids_for, reach_of


def may_search(user) -> bool:
    """A superuser, or an official with the administrator role somewhere."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    official = getattr(user, "official", None)
    # The roles held directly (``reach_of`` reads them once per officials' page).
    return official is not None and Role.ADMIN in reach_of(official).per_role


def visible_entries(user) -> QuerySet[AuditEntry]:
    if not may_search(user):
        return AuditEntry.objects.none()
    if user.is_superuser:
        return AuditEntry.objects.all()
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
    return filter_entries(
        visible_entries(user), actor=actor, action=action, object_ref=object_ref, since=since, until=until
    )
