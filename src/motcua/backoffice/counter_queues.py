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


def counter_dossiers(official: Official) -> QuerySet[Dossier]:
    """Dossiers received (or to be received) at the official's counters."""
    return Dossier.objects.filter(
        receiving_agency_id__in=agency_ids_for(official, [Role.RECEIVER])
    ).select_related("procedure", "receiving_agency", "competent_agency")


def queue(official: Official, key: str) -> tuple[Queue, QuerySet[Dossier]]:
    chosen = next((q for q in QUEUES if q.key == key), QUEUES[0])
    order = ["submitted_at", "id"] if chosen.oldest_first else ["-updated_at", "-id"]
    return chosen, counter_dossiers(official).filter(status__in=chosen.statuses).order_by(*order)


def queue_counts(official: Official) -> dict[str, int]:
    """Each queue's size, capped (``core.counting``): the returned dossiers are a year's worth."""
    base = counter_dossiers(official)
    return {q.key: capped_count(base.filter(status__in=q.statuses)) for q in QUEUES}
