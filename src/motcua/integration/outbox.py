"""Writing outbox rows: called by ``dossiers/history.py`` inside the transaction that writes the events."""

from __future__ import annotations

from collections.abc import Iterable

from motcua.dossiers.models import DossierEvent


def capture(events: Iterable[DossierEvent]) -> None:
    """One cheap insert for all the events: they leave the system only if this transaction commits.

    The rows point at the events by ``event_id`` (set when the event object is made), so they
    can be written before the events themselves; foreign keys are checked at commit.
    """
    from motcua.integration.models import OutboxEvent

    OutboxEvent.objects.bulk_create([OutboxEvent(event_id=event.event_id) for event in events])
