"""What the counter works on: dossiers of the agencies where the official receives."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from motcua.core.counting import capped_count
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua.org.models import Agency, Official, Role
from motcua.org.selectors import active_agencies, agency_ids_for


@dataclass(frozen=True)
class Queue:
    key: str
    label: str
    statuses: tuple[str, ...]
    oldest_first: bool = True


QUEUES = (
    Queue("cho-tiep-nhan", _("Chờ tiếp nhận"), (Status.SUBMITTED,)),
    Queue("cho-tra-ket-qua", _("Chờ trả kết quả"), (Status.RESULT_READY,)),
    Queue("cho-bo-sung", _("Chờ công dân bổ sung"), (Status.SUPPLEMENT_REQUESTED,)),
    Queue(
        "da-tiep-nhan",
        _("Đã tiếp nhận"),
        (Status.RECEIVED, Status.PROCESSING, Status.AWAITING_PAYMENT),
        False,
    ),
    Queue("da-tra", _("Đã trả, đã từ chối"), (Status.RETURNED, Status.REJECTED), False),
)


def receiving_agencies(official: Official) -> list[Agency]:
    return list(active_agencies().filter(id__in=agency_ids_for(official, [Role.RECEIVER])).order_by("name"))


def receiving_agency_ids(official: Official) -> set[int]:
    """The agencies at whose counters the official receives (active or not: their dossiers stay)."""
    return agency_ids_for(official, [Role.RECEIVER])


def counter_dossiers(official: Official) -> QuerySet[Dossier]:
    """Dossiers received (or to be received) at the official's counters."""
    return Dossier.objects.filter(receiving_agency_id__in=receiving_agency_ids(official)).select_related(
        "procedure", "receiving_agency", "competent_agency"
    )


# What the queue's table shows (and ``is_overdue`` reads): the form data, the procedure's e-form
# schema and texts are large and a page never needs them.
PAGE_COLUMNS = (
    "id",
    "code",
    "status",
    "channel",
    "applicant_name",
    "submitted_at",
    "due_at",
    "paused_at",
    "finished_at",
    "updated_at",
    "procedure__code",
    "procedure__name",
)


def queue(
    official: Official, key: str, *, agencies: set[int] | None = None
) -> tuple[Queue, QuerySet[Dossier]]:
    chosen = next((q for q in QUEUES if q.key == key), QUEUES[0])
    order = ["submitted_at", "id"] if chosen.oldest_first else ["-updated_at", "-id"]
    dossiers = _at_counters(official, agencies).filter(status__in=chosen.statuses).order_by(*order)
    return chosen, dossiers.select_related(None).select_related("procedure").only(*PAGE_COLUMNS)


def queue_counts(official: Official, *, agencies: set[int] | None = None) -> dict[str, int]:
    """Each queue's size, capped (``core.counting``): the returned dossiers are a year's worth."""
    base = _at_counters(official, agencies)
    return {q.key: capped_count(base.filter(status__in=q.statuses)) for q in QUEUES}


def _at_counters(official: Official, agencies: set[int] | None) -> QuerySet[Dossier]:
    """``counter_dossiers``, or the same for the receiving agencies already read (one query less)."""
    if agencies is None:
        return counter_dossiers(official)
    return Dossier.objects.filter(receiving_agency_id__in=agencies).select_related(
        "procedure", "receiving_agency", "competent_agency"
    )
