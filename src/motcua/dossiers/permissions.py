"""Who may do what to a dossier, asked without acting (for buttons and ``allowed_actions``)."""

from __future__ import annotations

from motcua.dossiers.models import Dossier
from motcua.dossiers.states import APPLICANT, TRANSITIONS
from motcua.org.selectors import agency_ids_for


def allowed_actions(dossier: Dossier, user) -> list[str]:
    """Names of the transitions ``user`` may perform on ``dossier`` now."""
    if user is None or not user.is_authenticated:
        return []
    official = getattr(user, "official", None) if user.kind == user.Kind.OFFICIAL else None
    reach: dict[tuple[str, ...], set[int]] = {}
    allowed = []
    for name, transition in TRANSITIONS.items():
        if dossier.status not in transition.sources:
            continue
        if APPLICANT in transition.actors and user.pk == dossier.applicant_id:
            allowed.append(name)
            continue
        roles = tuple(actor for actor in transition.actors if actor != APPLICANT)
        if official is None or not roles:
            continue
        if roles not in reach:
            reach[roles] = agency_ids_for(official, roles)
        agency_id = (
            dossier.receiving_agency_id if transition.agency == "receiving" else dossier.competent_agency_id
        )
        if agency_id in reach[roles]:
            allowed.append(name)
    return allowed
