"""What one dossier event adds to the daily figures: the one definition both the subscriber
(incremental, in the event's transaction) and ``motcua reports rebuild`` (from the whole history)
use, so the two agree exactly.

An event counts on the local day it happened (Asia/Ho_Chi_Minh), for the dossier's competent
agency and procedure (neither changes after filing). Everything a contribution reads is either in
the event, fixed on the dossier before the event (channel, reception time, legal time, appointment
date: nothing moves the appointment once a result is approved or refused), or dated (digitized
documents, signed results), so reading it later, as the rebuild does, gives the same answer.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from motcua.core.calendar import LOCAL_TZ, working_calendar
from motcua.dossiers.event_kinds import EventKind
from motcua.dossiers.models import Channel

# The payment channel the payments app names for online payment (its VNPay gateway); cash and
# counter confirmations are not online (Decision 766, online payment sub-indicator).
ONLINE_PAYMENT_CHANNELS = frozenset({"vnpay"})
SETTLING = frozenset({EventKind.APPROVED, EventKind.REFUSED})


@dataclass(frozen=True)
class EventFacts:
    """The event and the dossier facts its contribution depends on."""

    dossier_id: int
    kind: str
    at: datetime
    data: dict
    agency_id: int
    procedure_id: int
    channel: str
    received_at: datetime | None
    due_at: datetime | None
    processing_minutes: int | None

    @classmethod
    def of(cls, event) -> EventFacts:
        dossier = event.dossier
        return cls(
            dossier_id=dossier.pk,
            kind=event.kind,
            at=event.at,
            data=event.data or {},
            agency_id=dossier.competent_agency_id,
            procedure_id=dossier.procedure_id,
            channel=dossier.channel,
            received_at=dossier.received_at,
            due_at=dossier.due_at,
            processing_minutes=dossier.processing_minutes,
        )

    @property
    def day(self) -> date:
        return self.at.astimezone(LOCAL_TZ).date()

    @property
    def key(self) -> tuple[date, int, int]:
        return (self.day, self.agency_id, self.procedure_id)


def needs_history(facts: EventFacts) -> bool:
    """Whether the contribution needs ``prior_supplements`` or the dated documents and results."""
    return facts.kind in SETTLING or facts.kind in (EventKind.SUPPLEMENT_REQUESTED, EventKind.RETURNED)


def contribution(
    facts: EventFacts,
    *,
    prior_supplements: int = 0,
    digitized: bool = False,
    reused: bool = False,
    electronic_result: bool = False,
) -> Counter:
    """The counters this event adds (empty when it adds none).

    ``prior_supplements``: supplement requests the dossier had before this event; ``digitized`` /
    ``reused``: every document digitized / one reused from the repository by the time of a settling
    event; ``electronic_result``: a signed electronic result existed when the result was returned.
    """
    add: Counter = Counter()
    kind = facts.kind
    if kind == EventKind.SUBMITTED:
        add["submitted"] += 1
        if facts.channel == Channel.ONLINE:
            add["submitted_online"] += 1
    elif kind == EventKind.RECEIVED:
        add["received"] += 1
        add[f"received_{facts.channel}"] += 1
    elif kind == EventKind.REJECTED:
        add["rejected"] += 1
    elif kind in SETTLING:
        late = facts.due_at is not None and facts.at > facts.due_at
        add["settled_late" if late else "settled_on_time"] += 1
        if facts.due_at is not None and facts.day < facts.due_at.astimezone(LOCAL_TZ).date():
            add["settled_early"] += 1
        if kind == EventKind.REFUSED:
            add["refused"] += 1
        if facts.received_at is not None and facts.processing_minutes:
            add["legal_minutes"] += facts.processing_minutes
            add["used_minutes"] += working_calendar().working_minutes_between(facts.received_at, facts.at)
        if digitized:
            add["settled_digitized"] += 1
        if reused:
            add["settled_reused"] += 1
    elif kind == EventKind.RETURNED:
        add["returned"] += 1
        if electronic_result:
            add["returned_electronic"] += 1
    elif kind == EventKind.WITHDRAWN:
        add["withdrawn"] += 1
    elif kind == EventKind.APOLOGIZED:
        add["apologies"] += 1
    elif kind == EventKind.SUPPLEMENT_REQUESTED:
        add["supplement_requests"] += 1
        if prior_supplements >= 1:
            add["supplement_repeats"] += 1
    elif kind == EventKind.PAYMENT_CONFIRMED:
        add["paid"] += 1
        if facts.data.get("channel") in ONLINE_PAYMENT_CHANNELS:
            add["paid_online"] += 1
    return +add
