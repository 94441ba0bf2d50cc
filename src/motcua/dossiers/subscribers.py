"""What follows an event in a dossier's history, listed in one place.

``history.record_event`` (and ``history.save_events`` for the opening lines and bulk paths) calls
every subscriber below, in order, in the transaction that records the event: the steps, the audit
entry and the outbox row (written by the database trigger, see
``integration/migrations/0002_outbox_trigger.py``) are all committed with the event or not at all.
So "every event" means the same to each of them, whichever path wrote it.

A subscriber on a higher floor (``workspace``) is named by its dotted path, as Django names
middleware, so ``dossiers`` does not import the floors above it. A subscriber takes the saved
``DossierEvent`` and returns nothing; raising aborts the whole change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

from django.utils.module_loading import import_string

from motcua.audit.models import Action
from motcua.audit.services import record

SUBSCRIBERS: tuple[str, ...] = (
    # The internal process's steps open and close with the transitions (receive, approve, return...).
    "motcua.workspace.handlers.follow_history",
    # Fees paid online go back when a dossier is refused, rejected or withdrawn.
    "motcua.payments.handlers.follow_history",
    # The daily figures of the dashboard, the exports and the open data (reports.counting says what counts).
    "motcua.reports.aggregates.follow_history",
    # The audit log records every change of a dossier.
    "motcua.dossiers.subscribers.audit_change",
)


def audit_change(event) -> None:
    dossier = event.dossier
    record(
        action=Action.CHANGE,
        user=event.actor,
        object_type="dossier",
        object_ref=dossier.code or str(dossier.uuid),
        detail={"event": event.kind, "from": event.from_status, "to": event.to_status, "seq": event.seq},
    )


@cache
def subscribers() -> tuple[Callable, ...]:
    return tuple(import_string(path) for path in SUBSCRIBERS)


def notify(events: Iterable) -> None:
    """Tell every subscriber about each new event, in the order they were recorded."""
    for event in events:
        for subscriber in subscribers():
            subscriber(event)
