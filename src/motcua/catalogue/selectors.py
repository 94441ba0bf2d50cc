"""Reads of the catalogue."""

from __future__ import annotations

import threading
import time

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext as _

from motcua.catalogue.models import DocumentComponent, Fee, OnlineLevel, Procedure
from motcua.core.errors import NotFound
from motcua.org.selectors import active_agencies


def procedures_matching(
    *,
    field: str | None = None,
    level: str | None = None,
    agency: str | None = None,
    online_level: str | None = None,
    text: str | None = None,
) -> QuerySet[Procedure]:
    """Active procedures, filtered; ``text`` matches the name (simple contains; search proper is its own module)."""
    queryset = Procedure.objects.filter(is_active=True).select_related("field").prefetch_related("levels")
    if field:
        queryset = queryset.filter(field__code=field)
    if level:
        queryset = queryset.filter(levels__code=level)
    if agency:
        queryset = queryset.filter(agencies__code=agency)
    if online_level:
        queryset = queryset.filter(online_level=online_level)
    if text:
        queryset = queryset.filter(name__icontains=text.strip())
    return queryset.distinct().order_by("code")


LONG_TEXTS = (
    "description",
    "steps_text",
    "conditions",
    "result",
    "legal_basis",
    "channels",
    "target_groups",
    "competent_authority",
    "implementing_agencies",
    "fee_note",
)
FILING_CACHE_SECONDS = 30
_filing_cache: dict[str, tuple[float, Procedure]] = {}
_filing_lock = threading.Lock()


def procedure_for_filing(code: str) -> Procedure:
    """The procedure a dossier is filed under, with its active agencies (``active_agencies``).

    Filing is the portal's hot path and the catalogue changes rarely, so the
    answer is kept for a few seconds per process; a change saved in this process
    clears it at once (see ``forget_filing_cache``), other processes see it within
    ``FILING_CACHE_SECONDS``. The long texts a filing does not read are left out.
    """
    now = time.monotonic()
    with _filing_lock:
        cached = _filing_cache.get(code)
    if cached is not None and now - cached[0] < FILING_CACHE_SECONDS:
        return cached[1]
    procedure = (
        Procedure.objects.defer(*LONG_TEXTS)
        .prefetch_related(Prefetch("agencies", queryset=active_agencies(), to_attr="active_agencies"))
        .filter(code=code, is_active=True)
        .first()
    )
    if procedure is None:
        raise NotFound(code="procedure_not_found", message=_("Không tìm thấy thủ tục."))
    with _filing_lock:
        _filing_cache[code] = (now, procedure)
    return procedure


def forget_filing_cache(**kwargs) -> None:
    with _filing_lock:
        _filing_cache.clear()


def procedure_completeness(*, agency_ids=None) -> list[dict]:
    """Active procedures per receiving agency and whether their published data is complete (for the
    publicity group of Decision 766): a legal time, the documents to bring, the fees (a fee row or a
    fee note) and, for an online procedure, an e-form. One row per agency and procedure."""
    procedures = Procedure.objects.filter(is_active=True)
    if agency_ids is not None:
        procedures = procedures.filter(agencies__id__in=list(agency_ids))
    rows = procedures.annotate(
        has_documents=Exists(DocumentComponent.objects.filter(procedure=OuterRef("pk"))),
        has_fee=Exists(Fee.objects.filter(procedure=OuterRef("pk"))),
    ).values_list(
        "agencies__id",
        "id",
        "processing_time_amount",
        "fee_note",
        "online_level",
        "form_schema",
        "has_documents",
        "has_fee",
    )
    out = []
    for agency_id, procedure_id, legal_time, fee_note, level, form, documents, fee in rows:
        if agency_id is None:
            continue
        online = level in (OnlineLevel.FULL, OnlineLevel.PARTIAL)
        complete = (
            legal_time is not None and documents and (fee or bool(fee_note)) and (bool(form) or not online)
        )
        out.append({"agency_id": agency_id, "procedure_id": procedure_id, "complete": bool(complete)})
    return out
