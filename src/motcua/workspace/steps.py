"""Opening and closing steps (rows of the tracking slip); callers hold the dossier's row lock."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Exists, Max, Subquery

from motcua.core.calendar import working_calendar
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import grant_access
from motcua.org.models import Official, Role
from motcua.workspace.models import Task
from motcua.workspace.process import PlannedStep, plan, step_after


def open_task(
    dossier: Dossier, planned: PlannedStep, *, at: datetime, assignee: Official | None = None, note: str = ""
) -> Task:
    seq = (dossier.tasks.aggregate(m=Max("seq"))["m"] or 0) + 1
    grant_access(dossier=dossier, agency_id=planned.agency.pk)
    return Task.objects.create(
        dossier=dossier,
        seq=seq,
        step=planned.step,
        step_order=planned.order,
        name=planned.name[:255],
        role=planned.role,
        agency=planned.agency,
        assignee=assignee,
        received_at=at,
        due_at=working_calendar().add_working_minutes(at, planned.minutes) if planned.minutes else None,
        note=note,
        dossier_status=dossier.status,
        dossier_due_at=dossier.due_at,
        dossier_paused=dossier.paused_at is not None,
    )


def copy_dossier_state(dossier_id: int) -> int:
    """Copy the dossier's status, appointment date and pause onto its open step(s), read from its
    row in the same statement (whatever the caller holds in memory); returns the steps updated."""
    row = Dossier.objects.filter(pk=dossier_id)
    return Task.objects.filter(dossier_id=dossier_id, finished_at__isnull=True).update(
        dossier_status=Subquery(row.values("status")[:1]),
        dossier_due_at=Subquery(row.values("due_at")[:1]),
        dossier_paused=Exists(row.filter(paused_at__isnull=False)),
    )


def open_next_task(
    dossier: Dossier,
    *,
    after: Task | None,
    at: datetime,
    assignee: Official | None = None,
    note: str = "",
    past_reception: bool = False,
) -> Task | None:
    if after is None:
        after = dossier.tasks.order_by("-seq").first()
    if after is None and past_reception:
        planned = next((p for p in plan(dossier) if p.role != Role.RECEIVER), None)
        return open_task(dossier, planned, at=at, assignee=assignee, note=note) if planned else None
    planned = step_after(dossier, after.step_order if after else None)
    if planned is None:
        return None
    return open_task(dossier, planned, at=at, assignee=assignee, note=note)


def finish_open_tasks(
    dossier: Dossier, *, at: datetime, by: Official | None, outcome: str, note: str = ""
) -> Task | None:
    """Close the open step(s); returns the last one closed."""
    last = None
    for task in dossier.tasks.filter(finished_at__isnull=True).order_by("seq"):
        task.finished_at = at
        task.finished_by = by
        task.outcome = outcome
        if note:
            task.note = note
        task.save(update_fields=["finished_at", "finished_by", "outcome", "note"])
        last = task
    return last


def current_task(dossier: Dossier) -> Task | None:
    return (
        dossier.tasks.filter(finished_at__isnull=True)
        .select_related("agency", "assignee__user")
        .order_by("-seq")
        .first()
    )


def planned_steps(dossier: Dossier) -> list[PlannedStep]:
    return plan(dossier)
