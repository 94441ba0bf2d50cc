"""The steps follow the dossier's history: the transitions owned by ``dossiers`` (receive,
start processing, approve, refuse, return...) open and close steps in the same transaction,
so the counter's pages, the API and the demo keep the process right without knowing about it.

``follow_history`` is a subscriber listed in ``dossiers/subscribers.py``."""

from __future__ import annotations

from motcua.dossiers.event_kinds import EventKind
from motcua.dossiers.models import DossierEvent
from motcua.workspace.models import Outcome
from motcua.workspace.steps import copy_dossier_state, finish_open_tasks, open_next_task

CLOSING = {
    EventKind.PROCESSING_STARTED: Outcome.HANDED_ON,
    EventKind.APPROVED: Outcome.APPROVED,
    EventKind.REFUSED: Outcome.REFUSED,
    EventKind.RETURNED: Outcome.RETURNED,
    EventKind.REJECTED: Outcome.CLOSED,
    EventKind.WITHDRAWN: Outcome.CLOSED,
}
OPENING_NEXT = {EventKind.RECEIVED, EventKind.PROCESSING_STARTED, EventKind.APPROVED}


def follow_history(instance: DossierEvent) -> None:
    _follow_steps(instance)
    if instance.seq == 1 and instance.kind not in OPENING_NEXT:
        # A dossier's first event finds no step to copy onto (steps are opened by events): the
        # online submission's path, where the UPDATE below was a fifth of the request's time.
        return
    # Every change of a dossier's status, appointment date or pause is an event of its history:
    # its open step carries them for the queues (``Task.dossier_status``).
    copy_dossier_state(instance.dossier_id)


def _follow_steps(instance: DossierEvent) -> None:
    if instance.kind not in CLOSING and instance.kind not in OPENING_NEXT:
        return
    dossier = instance.dossier
    official = getattr(instance.actor, "official", None) if instance.actor_id else None
    last = None
    if instance.kind in CLOSING:
        last = finish_open_tasks(
            dossier, at=instance.at, by=official, outcome=CLOSING[instance.kind], note=instance.note
        )
    if instance.kind in OPENING_NEXT:
        if instance.kind == EventKind.RECEIVED and dossier.tasks.exists():
            return
        if last is None and instance.kind != EventKind.RECEIVED and not dossier.tasks.exists():
            # A dossier received before steps were kept: its reception step is over.
            open_next_task(dossier, after=None, at=instance.at, past_reception=True)
            return
        open_next_task(dossier, after=last, at=instance.at)
