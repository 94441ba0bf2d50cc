"""What follows an event is the same whichever path wrote it: each event in a dossier's history has
exactly one outbox row (the database trigger) and one audit entry (the subscriber), and the steps
follow it, whether the event came from a transition, a new dossier's first line or a bulk insert."""

from __future__ import annotations

import pytest

from motcua.audit.models import Action, AuditEntry
from motcua.dossiers.event_kinds import EVENT_KINDS, PUBLIC, EventKind, event_label
from motcua.dossiers.history import save_events
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.states import TRANSITIONS, Status
from motcua.dossiers.subscribers import subscribers
from motcua.integration.models import OutboxEvent
from motcua.testing.dossiers import dossier_in

pytestmark = pytest.mark.django_db


def _audited_seqs(dossier: Dossier) -> list[int]:
    return sorted(
        entry.detail["seq"]
        for entry in AuditEntry.objects.filter(
            action=Action.CHANGE, object_type="dossier", object_ref=dossier.code or str(dossier.uuid)
        )
    )


def _assert_every_event_heard(dossier: Dossier) -> None:
    events = DossierEvent.objects.filter(dossier=dossier)
    assert set(OutboxEvent.objects.filter(event__dossier=dossier).values_list("event_id", flat=True)) == set(
        events.values_list("event_id", flat=True)
    )
    assert _audited_seqs(dossier) == sorted(events.values_list("seq", flat=True))


def test_every_transition_and_the_first_line_reach_outbox_and_audit_alike(world):
    draft = dossier_in(world, Status.DRAFT)
    returned = dossier_in(world, Status.RETURNED)
    _assert_every_event_heard(draft)
    _assert_every_event_heard(returned)
    assert DossierEvent.objects.filter(dossier=returned).count() == 5


def test_a_bulk_insert_of_events_means_the_same_to_audit_outbox_and_steps(world):
    dossier = dossier_in(world, Status.SUBMITTED)
    lines = [
        DossierEvent(dossier=dossier, seq=dossier.last_event_seq + n, kind=EventKind.DEADLINE_WARNING, at=at)
        for n, at in ((1, dossier.created_at), (2, dossier.created_at))
    ]
    Dossier.objects.filter(pk=dossier.pk).update(last_event_seq=dossier.last_event_seq + 2)
    save_events(lines)
    assert DossierEvent.objects.filter(dossier=dossier).count() == 3
    _assert_every_event_heard(dossier)


def test_the_subscribers_are_the_listed_ones():
    names = [f"{s.__module__}.{s.__name__}" for s in subscribers()]
    assert names == [
        "motcua.workspace.handlers.follow_history",
        "motcua.payments.handlers.follow_history",
        "motcua.reports.aggregates.follow_history",
        "motcua.dossiers.subscribers.audit_change",
    ]


def test_one_enumeration_names_every_event_with_words():
    assert {t.event for t in TRANSITIONS.values()} <= set(EventKind)
    assert all(isinstance(t.event, EventKind) for t in TRANSITIONS.values())
    assert PUBLIC <= set(EventKind)
    assert set(EVENT_KINDS) == {k.value for k in EventKind}
    assert event_label("returned") == "Trả kết quả"
    assert event_label("something_older") == "something older"
