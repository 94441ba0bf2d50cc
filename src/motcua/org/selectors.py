"""Reads about agencies and officials' reach."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from motcua.org.models import Agency, Counter, Official, Role, RoleAssignment


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


@dataclass(frozen=True)
class ReceptionPlace:
    """Where an agency's dossiers are handed in: its own office, or the counter of another agency
    that serves it (a department at the Public Administration Service Centre)."""

    agency: Agency
    host: Agency  # whose premises: the agency itself, or the one whose counter serves it
    counter: Counter | None
    address: str
    opening_hours: str
    hotline: str
    phone: str


def reception_places(agencies: Iterable[Agency]) -> list[ReceptionPlace]:
    """The reception place of each agency (two queries whatever their number)."""
    agencies = list(agencies)
    serving: dict[int, Counter] = {}
    for counter in (
        Counter.objects.filter(serves__in=[a.pk for a in agencies])
        .select_related("agency")
        .prefetch_related("serves")
        .order_by("agency__name", "number")
    ):
        for served in counter.serves.all():
            serving.setdefault(served.pk, counter)
    places = []
    for agency in agencies:
        counter = serving.get(agency.pk)
        host = counter.agency if counter is not None and not agency.address else agency
        places.append(
            ReceptionPlace(
                agency=agency,
                host=host,
                counter=counter if host is not agency else None,
                address=host.address,
                opening_hours=host.opening_hours or agency.opening_hours,
                hotline=agency.hotline or host.hotline,
                phone=agency.phone or host.phone,
            )
        )
    return places
