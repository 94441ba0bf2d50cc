"""Reads about agencies and officials' reach."""

from __future__ import annotations

from collections.abc import Iterable

from motcua.org.models import Agency, Official, Role, RoleAssignment


def descendant_ids(agency_ids: Iterable[int]) -> set[int]:
    """The given agencies and every agency below them."""
    found = set(agency_ids)
    frontier = set(found)
    while frontier:
        children = set(Agency.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        found |= children
        frontier = children
    return found


def agency_ids_for(official: Official, roles: Iterable[str] | None = None) -> set[int]:
    """Agencies whose dossiers an official may see (or act on with ``roles``).

    A role at an agency covers it; a leader or administrator of a parent agency
    also covers its children.
    """
    assignments = RoleAssignment.objects.filter(official=official)
    if roles is not None:
        assignments = assignments.filter(role__in=list(roles))
    direct = set()
    overseeing = set()
    for agency_id, role in assignments.values_list("agency_id", "role"):
        direct.add(agency_id)
        if role in (Role.LEADER, Role.ADMIN):
            overseeing.add(agency_id)
    return direct | descendant_ids(overseeing)


def has_role(official: Official, agency: Agency, *roles: str) -> bool:
    return agency.id in agency_ids_for(official, roles)


def roles_of(official: Official) -> list[RoleAssignment]:
    return list(RoleAssignment.objects.filter(official=official).select_related("agency"))
