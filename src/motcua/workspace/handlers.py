"""The steps follow the dossier's history: the transitions owned by ``dossiers`` (receive,
start processing, approve, refuse, return...) open and close steps in the same transaction,
so the counter's pages, the API and the demo keep the process right without knowing about it."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from motcua.dossiers.models import DossierEvent
from motcua.workspace.models import Outcome
from motcua.workspace.steps import finish_open_tasks, open_next_task

CLOSING = {
    "processing_started": Outcome.HANDED_ON,
    "approved": Outcome.APPROVED,
    "refused": Outcome.REFUSED,
    "returned": Outcome.RETURNED,
    "rejected": Outcome.CLOSED,
    "withdrawn": Outcome.CLOSED,
}
OPENING_NEXT = {"received", "processing_started", "approved"}


@receiver(post_save, sender=DossierEvent, dispatch_uid="workspace-follow-history")
def _follow(sender, instance: DossierEvent, created: bool, raw=False, **kwargs):
    if not created or raw or (instance.kind not in CLOSING and instance.kind not in OPENING_NEXT):
        return
    dossier = instance.dossier
    official = getattr(instance.actor, "official", None) if instance.actor_id else None
    last = None
    if instance.kind in CLOSING:
        last = finish_open_tasks(
            dossier, at=instance.at, by=official, outcome=CLOSING[instance.kind], note=instance.note
        )
    if instance.kind in OPENING_NEXT:
        if instance.kind == "received" and dossier.tasks.exists():
            return
        if last is None and instance.kind != "received" and not dossier.tasks.exists():
            # A dossier received before steps were kept: its reception step is over.
            open_next_task(dossier, after=None, at=instance.at, past_reception=True)
            return
        open_next_task(dossier, after=last, at=instance.at)
