"""Reads of dossiers, with the visibility rule every page, API and export shares.

- an applicant sees their own dossiers;
- an official sees dossiers received by, to be decided by, with a step of their internal
  process at, or sent for consultation to, an agency where they hold a role (a leader or
  administrator of a parent agency: its children too);
- a superuser sees everything else;
- a draft is the applicant's alone: nobody else sees it or its files, whatever their role.
"""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from motcua.audit.denials import note_denial
from motcua.audit.services import record_dossier_read
from motcua.core.codes import looks_like_dossier_code
from motcua.core.errors import NotFound
from motcua.dossiers.event_kinds import FOR_APPLICANT, NOTE_FOR_APPLICANT, PUBLIC, EventKind, event_label
from motcua.dossiers.models import Dossier, DossierAccess, DossierEvent
from motcua.dossiers.states import CLOSED_STATUSES, OPEN_STATUSES, Status
from motcua.org.models import Agency
from motcua.org.selectors import agency_ids_for


def dossiers_visible_to(user) -> QuerySet[Dossier]:
    """The one access rule (see the module's docstring).

    For an official it is three indexed look-ups: dossiers received by, decided by, or worked on
    (a step or a consultation, ``DossierAccess``) at their agencies. The third reads the access
    rows, written by the services that open steps and send consultations outside the receiving and
    competent agencies, not every step and consultation ever held there (at a province's scale
    those were a hash of hundreds of thousands of rows under every list)."""
    base = Dossier.objects.select_related("procedure", "receiving_agency", "competent_agency")
    if user is None or not user.is_authenticated:
        return base.none()
    own = Q(applicant=user)
    if user.is_superuser:
        return base.filter(own | ~Q(status=Status.DRAFT))
    official = getattr(user, "official", None)
    if official is not None:
        return base.exclude(status=Status.DRAFT).filter(seen_by_agencies(agency_ids_for(official)))
    return base.filter(applicant=user)


def seen_by_agencies(agencies: set[int]) -> Q:
    """Dossiers these agencies see: they receive it, decide it, or work on it."""
    worked_on = DossierAccess.objects.filter(agency_id__in=agencies).values("dossier_id")
    return Q(receiving_agency_id__in=agencies) | Q(competent_agency_id__in=agencies) | Q(id__in=worked_on)


def _by_reference(queryset: QuerySet[Dossier], reference: str) -> Dossier:
    reference = (reference or "").strip()
    try:
        if looks_like_dossier_code(reference):
            return queryset.get(code=reference)
        return queryset.get(uuid=uuid_module.UUID(reference))
    except (Dossier.DoesNotExist, ValueError):
        raise NotFound(code="dossier_not_found", message=_not_found_message()) from None


def _not_found_message():
    from django.utils.translation import gettext as _

    return _("Không tìm thấy hồ sơ.")


def get_dossier_for(user, reference: str) -> Dossier:
    """A dossier by code or id, if ``user`` may see it; NotFound otherwise (same answer either way).
    A refusal is written to the audit log (aggregated per actor and minute)."""
    try:
        return _by_reference(dossiers_visible_to(user), reference)
    except NotFound:
        note_denial(user=user, what="dossier", reference=reference, reason="not_found")
        raise


def read_dossier_for(user, reference: str, *, view: str) -> Dossier:
    """``get_dossier_for`` for showing the dossier's personal data: the look is written to the audit log."""

    dossier = get_dossier_for(user, reference)
    record_dossier_read(user=user, dossier=dossier, what=view)
    return dossier


def overdue(queryset: QuerySet[Dossier], at: datetime | None = None) -> QuerySet[Dossier]:
    """Open, clock running, past the appointment date."""
    at = at or timezone.now()
    return queryset.filter(due_at__lt=at, paused_at__isnull=True, finished_at__isnull=True).exclude(
        status__in=[*CLOSED_STATUSES, Status.DRAFT]
    )


def history(dossier: Dossier) -> QuerySet[DossierEvent]:
    return dossier.events.select_related("agency").order_by("seq")


def history_lines(dossier: Dossier) -> list[dict]:
    """The officials' view of a dossier's history: each event's words, when, who, where and its note."""
    return [
        {"label": event_label(e.kind), "at": e.at, "actor": e.actor_name, "agency": e.agency, "note": e.note}
        for e in history(dossier)
    ]


def applicant_history_lines(dossier: Dossier) -> list[dict]:
    """The applicant's view of the history: officials' working events left out, notes only where meant for them."""
    return [
        {
            "label": event_label(event.kind),
            "at": event.at,
            "agency": event.agency.name if event.agency_id else "",
            "note": event.note if event.kind in NOTE_FOR_APPLICANT else "",
            "data": event.data,
        }
        for event in applicant_history(dossier)
    ]


def applicant_history(dossier: Dossier) -> QuerySet[DossierEvent]:
    """The history the applicant reads: no deadline warnings, hand-overs between steps, consultations
    or internal notes (officials' working events)."""
    return history(dossier).filter(kind__in=FOR_APPLICANT)


@dataclass(frozen=True)
class PublicStatus:
    """What anyone with the code may know: no personal data."""

    code: str
    status: str
    status_label: str
    national_status_code: int | None
    procedure_code: str
    procedure_name: str
    receiving_agency: str
    competent_agency: str
    submitted_at: datetime | None
    received_at: datetime | None
    due_at: datetime | None
    finished_at: datetime | None
    returned_at: datetime | None
    is_overdue: bool
    is_paused: bool
    steps: list[dict]


def public_status(code: str) -> PublicStatus:
    """Status look-up by dossier code (what the receipt's QR code opens).

    Reads only the columns it shows: this is the most-called public endpoint.
    """
    typed = "".join((code or "").split()).replace("\u2013", "-").replace("\u2014", "-")
    found = _public_dossier(typed)
    if found is None and typed != typed.upper():
        # Codes are printed in capitals ("…H42-…"); people type them in any case. Exact matches first,
        # so the look-up stays an index search.
        found = _public_dossier(typed.upper())
    if found is None:
        raise NotFound(code="dossier_not_found", message=_not_found_message())
    return _public_status_of(found)


def _public_dossier(code: str) -> Dossier | None:
    return (
        Dossier.objects.exclude(status=Status.DRAFT)
        .filter(code=code)
        .only(
            "id",
            "code",
            "status",
            "submitted_at",
            "received_at",
            "due_at",
            "paused_at",
            "finished_at",
            "returned_at",
            "procedure__code",
            "procedure__name",
            "receiving_agency__name",
            "competent_agency__name",
        )
        .select_related("procedure", "receiving_agency", "competent_agency")
        .first()
    )


def _public_status_of(found: Dossier) -> PublicStatus:
    steps = [
        {"event": kind, "at": at, "status": to_status, "agency": agency_name or ""}
        for kind, at, to_status, agency_name in DossierEvent.objects.filter(
            dossier_id=found.id, kind__in=PUBLIC
        )
        .order_by("seq")
        .values_list("kind", "at", "to_status", "agency__name")
    ]
    return PublicStatus(
        code=found.code,
        status=found.status,
        status_label=str(found.get_status_display()),
        national_status_code=found.national_status_code,
        procedure_code=found.procedure.code,
        procedure_name=found.procedure.name,
        receiving_agency=found.receiving_agency.name,
        competent_agency=found.competent_agency.name,
        submitted_at=found.submitted_at,
        received_at=found.received_at,
        due_at=found.due_at,
        finished_at=found.finished_at,
        returned_at=found.returned_at,
        is_overdue=found.is_overdue(),
        is_paused=found.is_paused,
        steps=steps,
    )


def overdue_open_counts(*, agency_ids=None, at=None, by_procedure: bool = True) -> list[dict]:
    """Open dossiers past their appointment date now (clock running), per competent agency and
    procedure (or per agency alone, ``by_procedure=False``: a few rows where a province has tens of
    thousands of agency × procedure pairs): the one figure of the dashboard that is a state, not a
    sum of events (an indexed count on status and appointment date)."""
    dossiers = Dossier.objects.filter(
        status__in=OPEN_STATUSES, paused_at__isnull=True, due_at__lt=at or timezone.now()
    )
    if agency_ids is not None:
        dossiers = dossiers.filter(competent_agency_id__in=list(agency_ids))
    keys = ("competent_agency_id", "procedure_id") if by_procedure else ("competent_agency_id",)
    return list(dossiers.values(*keys).annotate(overdue_open=Count("id")).order_by())


def late_dossiers(*, agency_ids, start, end, procedure_id=None, at=None) -> QuerySet[Dossier]:
    """The late dossiers behind the dashboard's counts, oldest appointment first: those open past
    their appointment date now, and those settled after it between two local dates (inclusive)."""
    overdue_open = Q(status__in=OPEN_STATUSES, paused_at__isnull=True, due_at__lt=at or timezone.now())
    settled_late = Q(finished_at__date__gte=start, finished_at__date__lte=end, finished_at__gt=F("due_at"))
    dossiers = Dossier.objects.filter(overdue_open | settled_late, competent_agency_id__in=list(agency_ids))
    if procedure_id is not None:
        dossiers = dossiers.filter(procedure_id=procedure_id)
    return dossiers.select_related("procedure", "competent_agency").order_by("due_at", "id")


def open_at_counts(*, agency_ids, at) -> list[dict]:
    """Dossiers received before ``at`` and still being settled at ``at`` (no result, not closed),
    per procedure and whether their appointment date had passed (``overdue``): the "carried over"
    and "in progress" columns of the periodic report. The appointment date read is the current one
    (an apology moves it)."""
    dossiers = (
        Dossier.objects.filter(received_at__lt=at, competent_agency_id__in=list(agency_ids))
        .exclude(finished_at__lt=at)
        .exclude(closed_at__lt=at)
    )
    rows = []
    for overdue in (True, False):
        chosen = dossiers.filter(due_at__lt=at) if overdue else dossiers.exclude(due_at__lt=at)
        rows += [
            {**row, "overdue": overdue}
            for row in chosen.values("procedure_id").annotate(count=Count("id")).order_by()
        ]
    return rows


def ledger_entries(*, receiving_agency_ids, start, end) -> QuerySet[Dossier]:
    """The dossiers received by these agencies between two local dates (inclusive), in the order
    received, with when they went to the competent agency (the dossier ledger, form 06)."""
    started = DossierEvent.objects.filter(dossier=OuterRef("pk"), kind=EventKind.PROCESSING_STARTED).order_by(
        "seq"
    )
    return (
        Dossier.objects.filter(
            receiving_agency_id__in=list(receiving_agency_ids),
            received_at__date__gte=start,
            received_at__date__lte=end,
        )
        .select_related("procedure", "competent_agency")
        .annotate(handed_over_at=Subquery(started.values("at")[:1]))
        .order_by("received_at", "id")
    )


LIST_COLUMNS = (
    "id",
    "uuid",
    "code",
    "status",
    "channel",
    "applicant_name",
    "applicant_id_number",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "created_at",
    "submitted_at",
    "received_at",
    "due_at",
    "paused_at",
    "remaining_minutes",
    "finished_at",
    "returned_at",
    "closed_at",
    "procedure__code",
    "procedure__name",
    "receiving_agency",
    "competent_agency",
)


def for_list(dossiers: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """Only the columns a list shows: the form data, the procedure's e-form and texts are large,
    and a page of 200 dossiers would carry them all.

    The two agencies come in a query of their own (a page names a few of them): joined twice,
    SQLite's planner drove the list from the agency table and sorted the agencies' whole year
    (2 s for a department's first page at 100,000 dossiers; 0.4 s without the joins)."""
    agencies = Agency.objects.only("id", "code", "name")
    return (
        dossiers.select_related(None)
        .select_related("procedure")
        .only(*LIST_COLUMNS)
        .prefetch_related(
            Prefetch("receiving_agency", queryset=agencies), Prefetch("competent_agency", queryset=agencies)
        )
    )
