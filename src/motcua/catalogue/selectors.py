"""Reads of the catalogue."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from motcua.catalogue.models import Procedure
from motcua.core.errors import NotFound


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


def procedure_for_filing(code: str) -> Procedure:
    """The procedure a dossier is filed under, without the long texts a filing does not read."""
    try:
        return Procedure.objects.defer(*LONG_TEXTS).get(code=code, is_active=True)
    except Procedure.DoesNotExist:
        raise NotFound(code="procedure_not_found", message=_("Không tìm thấy thủ tục.")) from None
