"""The officials' work queues: to do, due soon, overdue, waiting for a supplement, done, and
consultations to answer — for one official or for their whole units.

Every queue starts from ``dossiers_visible_to`` (the one access rule of pages, API and
exports) and narrows it to the dossiers whose open step is the official's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.core.calendar import MINUTES_PER_DAY, working_calendar
from motcua.core.counting import COUNT_CAP, capped_count
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossiers_visible_to
from motcua.dossiers.states import OPEN_WORK_STATUSES, Status
from motcua.org.models import Official, Role
from motcua.org.selectors import Reach, officials_holding, reach_of
from motcua.workspace.models import Consultation, Task


@dataclass(frozen=True)
class Queue:
    key: str
    label: str
    cap: int = COUNT_CAP  # its count stops there ("10.000+")


# The done queue is the official's (or the unit's) whole history: its count stops at 1,000
# ("1.000+"). Counting 10,001 of them read a unit's year of finished steps on every queue page.
DONE_COUNT_CAP = 1_000

QUEUES = (
    Queue("cho-ky", _("Chờ ký duyệt")),  # leaders only
    Queue("can-xu-ly", _("Cần xử lý")),
    Queue("sap-den-han", _("Sắp đến hạn")),
    Queue("qua-han", _("Quá hạn")),
    Queue("cho-bo-sung", _("Chờ bổ sung")),
    Queue("phoi-hop", _("Xin ý kiến phối hợp")),
    Queue("da-xu-ly", _("Đã xử lý"), DONE_COUNT_CAP),
)
QUEUE_KEYS = {q.key for q in QUEUES}
SCOPES = ("ca-nhan", "don-vi")  # mine, my units'
SORTS = {
    "han": ["due_at", "id"],
    "-han": ["-due_at", "-id"],
    "nop": ["submitted_at", "id"],
    "-nop": ["-submitted_at", "-id"],
    "ma": ["code"],
}
PAUSED = (Status.SUPPLEMENT_REQUESTED, Status.AWAITING_PAYMENT)


def open_tasks_for(official: Official, scope: str = "ca-nhan", *, reach=None) -> QuerySet[Task]:
    per_role, everything = reach or reach_of(official)
    tasks = Task.objects.filter(finished_at__isnull=True)
    if scope == "don-vi":
        return tasks.filter(agency_id__in=everything)
    return tasks.filter(_mine(official, per_role))


def _mine(official: Official, per_role) -> Q:
    """The official's own steps: assigned to them, or to nobody in a role they hold there."""
    mine = Q(assignee=official)
    for role, agencies in per_role.items():
        mine |= Q(assignee__isnull=True, role=role, agency_id__in=agencies)
    return mine


def _worked_at_reach(user, tasks: QuerySet[Task], reach) -> QuerySet[Dossier]:
    """The dossiers of these steps, held at the official's agencies: a step at one of them is the
    access rule's own "worked on" branch, so the queue starts from the (few, open) steps and reads
    each dossier by its key, instead of filtering the agencies' whole history (issue 19)."""
    held = tasks.filter(agency_id__in=reach[1]).values("dossier_id")
    return (
        Dossier.objects.select_related("procedure", "receiving_agency", "competent_agency")
        .exclude(status=Status.DRAFT)
        .filter(id__in=held)
    )


def _done_tasks(official: Official, scope: str) -> QuerySet[Task]:
    done = Task.objects.filter(finished_at__isnull=False)
    return done if scope == "don-vi" else done.filter(finished_by=official)


def _done_count(official: Official, scope: str, reach) -> int:
    """The done queue's size up to ``DONE_COUNT_CAP`` + 1: its dossiers are those of the finished
    steps (never drafts), so the steps' index alone counts them, without reading a dossier."""
    held = _done_tasks(official, scope).filter(agency_id__in=reach[1])
    return held.order_by().values("dossier_id").distinct()[: DONE_COUNT_CAP + 1].count()


def _open_steps(user, reach, scope: str = "ca-nhan") -> QuerySet[Task]:
    """The official's (or, ``don-vi``, their units') open steps held at their agencies, on dossiers
    in open work, as the steps' own copy of their dossier's state says (``Task.dossier_status``):
    a few thousand rows of one table for the busiest department, whatever its history."""
    tasks = open_tasks_for(user.official, scope, reach=reach)
    return tasks.filter(agency_id__in=reach[1], dossier_status__in=OPEN_WORK_STATUSES)


# The queues of open work (each dossier there has an open step of the official's or their units').
OPEN_WORK_QUEUES = ("cho-ky", "can-xu-ly", "sap-den-han", "qua-han", "cho-bo-sung")
_LEADING = Q(role=Role.LEADER, dossier_status=Status.PROCESSING)  # a leader's step to approve or sign


# Each queue of open work as a condition on the steps' copy of their dossier's state, so that
# counting it reads no dossier; ``at`` is now, ``soon`` the due-soon limit.
def _working() -> Q:
    return ~Q(dossier_status__in=PAUSED)


def _open_queue(key: str, at: datetime, soon: datetime) -> Q:
    if key == "cho-ky":
        return _LEADING
    if key == "cho-bo-sung":
        return Q(dossier_status__in=PAUSED)
    if key == "sap-den-han":
        return _working() & Q(dossier_due_at__gte=at, dossier_due_at__lt=soon)
    if key == "qua-han":
        return _working() & Q(dossier_due_at__lt=at, dossier_paused=False)
    return _working()


def _open_work(user, reach, scope: str, condition: Q) -> QuerySet[Dossier]:
    """The dossiers of the official's open steps that meet ``condition`` (``_open_queue``). The
    dossier's own status is asked again: the page then walks the partial index of open work by
    due date instead of the whole table's (the year's closed dossiers)."""
    steps = _open_steps(user, reach, scope).filter(condition)
    return _worked_at_reach(user, steps, reach).filter(status__in=OPEN_WORK_STATUSES)


def _with_step(dossiers: QuerySet[Dossier]) -> QuerySet[Dossier]:
    current = Task.objects.filter(dossier=OuterRef("pk"), finished_at__isnull=True).order_by("-seq")
    return dossiers.annotate(
        step_name=Subquery(current.values("name")[:1]),
        step_due_at=Subquery(current.values("due_at")[:1]),
        step_assignee=Subquery(current.values("assignee__user__full_name")[:1]),
    )


def due_soon_limit(at: datetime) -> datetime:
    """Less than one working day left: due before this moment."""
    return working_calendar().add_working_minutes(at, MINUTES_PER_DAY)


def queue(
    user,
    key: str,
    *,
    scope: str = "ca-nhan",
    at: datetime | None = None,
    reach: Reach | None = None,
    visible: QuerySet[Dossier] | None = None,
) -> QuerySet[Dossier]:
    """The dossiers of one queue, visible to ``user`` (an official), unsorted.

    ``reach`` (from ``reach_of``) and ``visible`` (``dossiers_visible_to``) save their queries
    when one page asks for several queues.
    """
    official = user.official
    at = at or timezone.now()
    reach = reach or reach_of(official)
    if key == "da-xu-ly":
        return _with_step(_worked_at_reach(user, _done_tasks(official, scope), reach))
    if key == "phoi-hop":
        asked = Consultation.objects.filter(to_agency_id__in=reach[1], answered_at__isnull=True)
        visible = visible if visible is not None else dossiers_visible_to(user)
        return _with_step(visible.filter(id__in=asked.values("dossier_id")))
    return _with_step(_open_work(user, reach, scope, _open_queue(key, at, due_soon_limit(at))))


# The sorts by appointment date, on the steps' copy of it: the page of an open-work queue is then
# read in that order from the open steps alone (an index of open steps by due date) instead of
# joining every step of the pool to its dossier and sorting them all (issue 19).
STEP_SORTS = {"han": ["dossier_due_at", "dossier_id"], "-han": ["-dossier_due_at", "-dossier_id"]}


def queue_steps(
    user, key: str, *, scope: str = "ca-nhan", at: datetime | None = None, reach: Reach | None = None
) -> QuerySet[Task] | None:
    """The open steps of a queue of open work (one per dossier: a dossier has one open step),
    unsorted; ``None`` for the queues that are not open work (done, consultations)."""
    if key not in OPEN_WORK_QUEUES:
        return None
    at = at or timezone.now()
    reach = reach or reach_of(user.official)
    condition = _open_queue(key, at, due_soon_limit(at))
    return _open_steps(user, reach, scope).filter(condition).select_related("assignee__user")


def dossiers_of_steps(steps: list[Task]) -> list[Dossier]:
    """The dossiers of a page of steps (``queue_steps``, with ``assignee__user``), in the steps'
    order, with the page's columns; each step is its dossier's current one (the page shows it)."""
    found = for_page(Dossier.objects.filter(pk__in=[step.dossier_id for step in steps])).in_bulk()
    dossiers = []
    for step in steps:
        dossier = found.get(step.dossier_id)
        if dossier is None:
            continue
        dossier.step_name, dossier.step_due_at = step.name, step.due_at
        dossier.step_assignee = step.assignee.user.full_name if step.assignee else None
        dossiers.append(dossier)
    return dossiers


def is_leader(reach) -> bool:
    """Whether ``reach`` (from ``reach_of``) holds a leader's role (the "waiting for signature" queue)."""
    return Role.LEADER in reach[0]


def filtered(
    dossiers: QuerySet[Dossier], *, text: str = "", procedure: str = "", sort: str = "han"
) -> QuerySet[Dossier]:
    text = (text or "").strip()
    if text:
        dossiers = dossiers.filter(Q(code__icontains=text) | Q(applicant_name__icontains=text))
    if procedure:
        dossiers = dossiers.filter(procedure__code=procedure.strip())
    return dossiers.order_by(*SORTS.get(sort, SORTS["han"]))


PAGE_COLUMNS = (
    "id",
    "code",
    "status",
    "due_at",
    "paused_at",
    "finished_at",
    "submitted_at",
    "applicant_name",
    "procedure__code",
    "procedure__name",
)


def for_page(dossiers: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """Only the columns a queue page shows: a procedure's e-form schema and a dossier's form
    data are large JSON that the list never needs."""
    return dossiers.select_related(None).select_related("procedure").only(*PAGE_COLUMNS)


MINE = "ca-nhan:"  # before a queue's key: the official's own count, counted with their units'


def queue_counts(
    user,
    *,
    scope: str = "ca-nhan",
    at: datetime | None = None,
    reach=None,
    open_only: bool = False,
    mine_too: bool = False,
) -> dict[str, int]:
    """The size of every queue: those of open work (and a leader's "waiting for signature") in one
    aggregate over the official's open steps alone, reading no dossier; then consultations and
    done (``open_only`` skips those two, for the menu and the home page). A dossier has one open
    step at a time (``steps``), so counting steps counts dossiers.

    ``mine_too`` with the units' scope also counts the official's own open work (keys prefixed
    with ``MINE``, see ``own_counts``) in the same aggregate: their steps are among their units'."""
    at = at or timezone.now()
    reach = reach or reach_of(user.official)
    soon = due_soon_limit(at)
    keys = [key for key in OPEN_WORK_QUEUES if key != "cho-ky" or is_leader(reach)]
    conditions = {key: _open_queue(key, at, soon) for key in keys}
    if mine_too and scope == "don-vi":
        mine = _mine(user.official, reach[0])
        conditions.update({MINE + key: condition & mine for key, condition in list(conditions.items())})
    # Counting a column of the index (not ``id``) lets PostgreSQL count from the index alone.
    result = _open_steps(user, reach, scope).aggregate(
        **{key: Count("agency", filter=condition) for key, condition in conditions.items()}
    )
    if not open_only:
        result["phoi-hop"] = capped_count(queue(user, "phoi-hop", scope=scope, at=at, reach=reach))
        result["da-xu-ly"] = _done_count(user.official, scope, reach)
    return result


def own_counts(counts: dict[str, int], scope: str) -> dict[str, int]:
    """The official's own open-work counts out of ``queue_counts(…, mine_too=True)``."""
    if scope != "don-vi":
        return counts
    return {key.removeprefix(MINE): n for key, n in counts.items() if key.startswith(MINE)}


def tasks_of(dossier: Dossier) -> list[Task]:
    return list(dossier.tasks.select_related("agency", "assignee__user", "finished_by__user").order_by("seq"))


def consultations_of(dossier: Dossier) -> list[Consultation]:
    return list(
        dossier.consultations.select_related(
            "from_agency", "to_agency", "asked_by__user", "answered_by__user"
        )
    )


def colleagues(agency_id: int, role: str) -> list[Official]:
    """Officials holding ``role`` at the agency (for hand-over and reassignment choices)."""
    return list(officials_holding(agency_id, role).order_by("user__full_name"))
