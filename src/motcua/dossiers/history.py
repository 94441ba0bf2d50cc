"""Writing the dossier's append-only history (the processing-tracking slip).

The one place events are recorded: each new event is passed to the subscribers listed in
``dossiers/subscribers.py`` in the same transaction.
"""

from __future__ import annotations

from datetime import datetime

from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.subscribers import notify
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
    event = DossierEvent.objects.create(
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
    notify([event])
    return event


def first_events(dossier: Dossier, events: list[dict], *, at: datetime, actor=None) -> list[DossierEvent]:
    """The opening lines of a new dossier's history, numbered from 1; save the dossier, then bulk-create them."""
    dossier.last_event_seq = len(events)
    return [
        DossierEvent(dossier=dossier, seq=seq, at=at, actor=actor, actor_name=_actor_name(actor), **values)
        for seq, values in enumerate(events, start=1)
    ]


def save_events(events: list[DossierEvent]) -> list[DossierEvent]:
    """Insert events built beforehand (``first_events``, bulk loads) in one statement, then tell the
    subscribers about each: a bulk insert means the same to the audit log and the steps as to the
    outbox trigger. The caller holds the dossiers' row locks (or has just created them) and has
    numbered the events (``seq``) and saved ``last_event_seq``."""
    saved = DossierEvent.objects.bulk_create(events)
    notify(saved)
    return saved
