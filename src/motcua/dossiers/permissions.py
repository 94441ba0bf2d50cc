"""Who may do what to a dossier: one rule, asked by the services before acting (``actor_for``) and
by pages and the API without acting (``allowed_actions``, for buttons)."""

from __future__ import annotations

from motcua.dossiers.models import Dossier
from motcua.dossiers.states import APPLICANT, TRANSITIONS
from motcua.org.models import Official
from motcua.org.selectors import agency_ids_for

NOBODY = object()  # ``actor_for``'s answer when the user may not act


def official_of(user) -> Official | None:
    return getattr(user, "official", None) if user is not None and user.is_authenticated else None


def actor_for(name: str, dossier: Dossier, user, *, reach: dict | None = None):
    """Who acts when ``user`` performs transition ``name`` on ``dossier``: ``None`` for the applicant,
    the official for an official holding one of its roles at the agency that decides, ``NOBODY``
    otherwise. The status is not asked here. ``reach`` caches agencies per roles across calls."""
    transition = TRANSITIONS[name]
    if APPLICANT in transition.actors and user is not None and user.pk == dossier.applicant_id:
        return None
    official = official_of(user)
    roles = tuple(actor for actor in transition.actors if actor != APPLICANT)
    if official is None or not roles:
        return NOBODY
    if reach is None:
        reach = {}
    if roles not in reach:
        reach[roles] = agency_ids_for(official, list(roles))
    agency_id = (
        dossier.receiving_agency_id if transition.agency == "receiving" else dossier.competent_agency_id
    )
    return official if agency_id in reach[roles] else NOBODY


def allowed_actions(dossier: Dossier, user) -> list[str]:
    """Names of the transitions ``user`` may perform on ``dossier`` now."""
    if user is None or not user.is_authenticated:
        return []
    reach: dict[tuple[str, ...], set[int]] = {}
    return [
        name
        for name, transition in TRANSITIONS.items()
        if dossier.status in transition.sources and actor_for(name, dossier, user, reach=reach) is not NOBODY
    ]
