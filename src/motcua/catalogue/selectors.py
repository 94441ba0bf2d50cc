"""Reads of the catalogue."""

from __future__ import annotations

import threading
import time

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from motcua.catalogue.models import Procedure
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
