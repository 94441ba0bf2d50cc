"""Periodic deadline jobs: a warning one working day before a dossier is due, and overdue marking.

Each writes one history event per dossier and appointment date (``data.due_at``), so running
the job twice, or on two machines at once, warns once; an apology with a new date makes a new
warning possible. The events go out through the outbox like every other (e-mails to the
officials for the warning, to the applicant for overdue, webhooks, AMQP).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from motcua.core.calendar import MINUTES_PER_DAY, working_calendar
from motcua.dossiers.event_kinds import EventKind
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.services import record_deadline_event
from motcua.dossiers.states import CLOCK_RUNNING_STATUSES

# Tết and the swapped days off can put one working day more than a week of calendar days away.
LOOKAHEAD = timedelta(days=14)


def _running():
    return Dossier.objects.filter(
        status__in=CLOCK_RUNNING_STATUSES, paused_at__isnull=True, due_at__isnull=False
    )


def _already(kind: str, dossier_ids) -> set[tuple[int, str]]:
    return {
        (dossier_id, (data or {}).get("due_at"))
        for dossier_id, data in DossierEvent.objects.filter(
            kind=kind, dossier_id__in=dossier_ids
        ).values_list("dossier_id", "data")
    }


def warn_due_soon(*, at: datetime | None = None) -> int:
    """Dossiers due within one working day, not yet warned for this appointment date."""
    at = at or timezone.now()
    calendar = working_calendar()
    candidates = list(
        _running().filter(due_at__gt=at, due_at__lte=at + LOOKAHEAD).values_list("id", "due_at")
    )
    done = _already(EventKind.DEADLINE_WARNING, [pk for pk, _ in candidates])
    warned = 0
    for pk, due_at in candidates:
        if (pk, due_at.isoformat()) in done:
            continue
        if calendar.working_minutes_between(at, due_at) <= MINUTES_PER_DAY:
            warned += record_deadline_event(pk, EventKind.DEADLINE_WARNING, at)
    return warned


def mark_overdue(*, at: datetime | None = None) -> int:
    """Dossiers past their appointment date with the clock running, not yet marked for this date."""
    at = at or timezone.now()
    candidates = list(_running().filter(due_at__lt=at).values_list("id", "due_at"))
    done = _already(EventKind.OVERDUE, [pk for pk, _ in candidates])
    return sum(
        record_deadline_event(pk, EventKind.OVERDUE, at)
        for pk, due_at in candidates
        if (pk, due_at.isoformat()) not in done
    )
