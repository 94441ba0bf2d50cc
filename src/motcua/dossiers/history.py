"""Writing the dossier's append-only history (the processing-tracking slip)."""

from __future__ import annotations

from datetime import datetime

from motcua.dossiers.models import Dossier, DossierEvent
from motcua.org.models import Agency


def _actor_name(actor) -> str:
    return (getattr(actor, "full_name", "") or getattr(actor, "username", "")) if actor else ""


def record_event(
    dossier: Dossier,
    *,
    kind: str,
    at: datetime,
    actor=None,
    agency: Agency | None = None,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    data: dict | None = None,
) -> DossierEvent:
    """Append one event; the caller holds the dossier's row lock inside its transaction."""
    dossier.last_event_seq += 1
    Dossier.objects.filter(pk=dossier.pk).update(last_event_seq=dossier.last_event_seq)
    return DossierEvent.objects.create(
        dossier=dossier,
        seq=dossier.last_event_seq,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        actor_name=_actor_name(actor),
        agency=agency,
        at=at,
        note=note,
        data=data or {},
    )


def first_events(dossier: Dossier, events: list[dict], *, at: datetime, actor=None) -> list[DossierEvent]:
    """The opening lines of a new dossier's history, numbered from 1; save the dossier, then bulk-create them."""
    dossier.last_event_seq = len(events)
    return [
        DossierEvent(dossier=dossier, seq=seq, at=at, actor=actor, actor_name=_actor_name(actor), **values)
        for seq, values in enumerate(events, start=1)
    ]
