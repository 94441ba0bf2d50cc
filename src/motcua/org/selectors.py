"""Reads about agencies and officials' reach."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import QuerySet

from motcua.org.models import AdministrativeUnit, Agency, Counter, Official, Role, RoleAssignment

# A leader's or administrator's role at an agency also covers the agencies below it.
OVERSEEING_ROLES = (Role.LEADER, Role.ADMIN)


def active_agencies() -> QuerySet[Agency]:
    """The agencies in service (an agency merged away or closed stays for the history, inactive)."""
    return Agency.objects.filter(is_active=True)


def active_agency(*, code: str | None = None, pk: int | None = None) -> Agency | None:
    """The agency in service with this code (or id), or ``None``."""
    if code is None and pk is None:
        return None
    found = active_agencies()
    found = found.filter(code=code) if code is not None else found.filter(pk=pk)
    return found.first()


def descendant_ids(agency_ids: Iterable[int]) -> set[int]:
    """The given agencies and every agency below them."""
    found = set(agency_ids)
    frontier = set(found)
    while frontier:
        children = set(Agency.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        found |= children
        frontier = children
    return found


class Reach(NamedTuple):
    """Which agencies an official reaches: per role, and all of them together."""

    per_role: dict[str, set[int]]
    everything: set[int]

    def agencies(self, roles: Iterable[str] | None = None) -> set[int]:
        if roles is None:
            return set(self.everything)
        return set().union(*(self.per_role.get(role, set()) for role in roles))


# Inside ``remembering_reach``: each official's reach, read once (by official id).
_remembered: ContextVar[dict[int, Reach] | None] = ContextVar("remembered_reach", default=None)


@contextlib.contextmanager
def remembering_reach():
    """Within: ``reach_of`` reads an official's roles once. One officials' page asks for the reach
    in its view, in the access rule and in the menu: for the provincial administrator that was
    4 queries each time (the roles, then a level of the agency tree each). Opened by the
    officials' page decorators (``org.access``) for one request; roles changed by that request
    itself would not be seen until the next one."""
    token = _remembered.set({})
    try:
        yield
    finally:
        _remembered.reset(token)


def reach_of(official: Official) -> Reach:
    """The one computation of an official's reach: a role at an agency covers it; a leader or
    administrator of a parent agency also covers its children (and theirs).

    One query for the roles, then one per level of the agency tree below the overseen agencies
    (once per request inside ``remembering_reach``).
    """
    remembered = _remembered.get()
    if remembered is None:
        return _read_reach(official)
    if official.pk not in remembered:
        remembered[official.pk] = _read_reach(official)
    reach = remembered[official.pk]
    # A copy: a caller may change the sets it was given.
    return Reach({role: set(ids) for role, ids in reach.per_role.items()}, set(reach.everything))


def _read_reach(official: Official) -> Reach:
    direct: dict[str, set[int]] = {}
    for agency_id, role in RoleAssignment.objects.filter(official=official).values_list("agency_id", "role"):
        direct.setdefault(role, set()).add(agency_id)
    overseeing = set().union(*(direct.get(role, set()) for role in OVERSEEING_ROLES))
    children: dict[int, set[int]] = {}
    frontier, seen = set(overseeing), set(overseeing)
    while frontier:
        below = Agency.objects.filter(parent_id__in=frontier).values_list("id", "parent_id")
        found = set()
        for agency_id, parent_id in below:
            children.setdefault(parent_id, set()).add(agency_id)
            found.add(agency_id)
        frontier = found - seen
        seen |= found

    def with_children(roots: set[int]) -> set[int]:
        covered, stack = set(roots), list(roots)
        while stack:
            for child in children.get(stack.pop(), ()):
                if child not in covered:
                    covered.add(child)
                    stack.append(child)
        return covered

    per_role = {
        role: with_children(agencies) if role in OVERSEEING_ROLES else set(agencies)
        for role, agencies in direct.items()
    }
    return Reach(per_role, set().union(*per_role.values()) if per_role else set())


def agency_ids_for(official: Official, roles: Iterable[str] | None = None) -> set[int]:
    """Agencies whose dossiers an official may see (or act on with ``roles``): see ``reach_of``."""
    return reach_of(official).agencies(roles)


def has_role(official: Official, agency: Agency, *roles: str) -> bool:
    return agency.id in agency_ids_for(official, roles)


def holds_role(official: Official, agency: Agency | int, role: str) -> bool:
    """``official`` is assigned ``role`` at the agency itself (not through the reach of a parent's role)."""
    return RoleAssignment.objects.filter(official=official, agency=agency, role=role).exists()


def officials_holding(agency: Agency | int, *roles: str) -> QuerySet[Official]:
    """Officials assigned one of ``roles`` at the agency itself, with their user, each once."""
    return (
        Official.objects.filter(roles__agency=agency, roles__role__in=roles).select_related("user").distinct()
    )


def province_name() -> str:
    """The name of the province the system serves ("Tỉnh Hà Tĩnh"), or "" before the units are loaded."""
    return AdministrativeUnit.objects.filter(level="province").values_list("name", flat=True).first() or ""


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


def place_name(agency: Agency) -> str:
    """The place written before the date (địa danh): the unit's name without its kind ("Tỉnh Hà Tĩnh" → "Hà Tĩnh")."""
    unit = agency.unit
    name = unit.name
    for prefix in (unit.division_type, "Tỉnh", "Thành phố", "Phường", "Xã", "Đặc khu", "Thị trấn"):
        if prefix and name.startswith(prefix + " "):
            return name[len(prefix) + 1 :]
    return name
