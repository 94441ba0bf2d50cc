"""Reads of the catalogue."""

from __future__ import annotations

from django.db.models import QuerySet

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


def get_procedure(code: str) -> Procedure:
    try:
        return Procedure.objects.select_related("field").get(code=code, is_active=True)
    except Procedure.DoesNotExist:
        raise NotFound(code="procedure_not_found", message="Không tìm thấy thủ tục.") from None
