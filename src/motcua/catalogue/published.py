"""Reads of the catalogue as it is published to everyone (the open data portal's datasets).

Only what the portal's procedure pages already show: active procedures, their fields, fees and
documents. Each read streams (``iterator``) so a download of the whole national catalogue never
holds it in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from motcua.catalogue.models import DocumentComponent, Fee, Field, Level, Procedure
from motcua.org.models import Agency

CHUNK = 2000


def active_procedures() -> QuerySet[Procedure]:
    return Procedure.objects.filter(is_active=True)


def last_changed() -> datetime | None:
    """When a published procedure (or its fees, documents: saved with it) last changed."""
    return active_procedures().aggregate(last=Max("updated_at"))["last"]


def procedures_with_relations() -> Iterator[Procedure]:
    queryset = (
        active_procedures()
        .select_related("field")
        .only(
            "code",
            "name",
            "field__code",
            "field__name",
            "online_level",
            "processing_time_amount",
            "processing_time_unit",
            "decision_number",
            "competent_authority",
            "source_url",
            "updated_at",
        )
        .prefetch_related(
            Prefetch("levels", queryset=Level.objects.only("code", "order")),
            Prefetch("agencies", queryset=Agency.objects.only("code")),
            Prefetch("fees", queryset=Fee.objects.only("procedure_id", "amount")),
        )
        .order_by("code")
    )
    return queryset.iterator(chunk_size=CHUNK)


def fields_with_counts() -> QuerySet[Field]:
    """Every field with the number of active procedures in it."""
    return Field.objects.annotate(
        procedure_count=Count("procedures", filter=Q(procedures__is_active=True))
    ).order_by("code")


def fees() -> Iterator[Fee]:
    return (
        Fee.objects.filter(procedure__is_active=True)
        .select_related("procedure")
        .only("kind", "name", "amount", "note", "procedure__code", "procedure__name")
        .order_by("procedure__code", "order", "id")
        .iterator(chunk_size=CHUNK)
    )


def documents() -> Iterator[DocumentComponent]:
    return (
        DocumentComponent.objects.filter(procedure__is_active=True)
        .select_related("procedure")
        .only("order", "name", "originals", "copies", "mandatory", "form_name", "procedure__code")
        .order_by("procedure__code", "order", "id")
        .iterator(chunk_size=CHUNK)
    )


def procedure_counts_by_agency() -> dict[int, int]:
    """Agency id → the number of active procedures it receives."""
    rows = (
        Procedure.agencies.through.objects.filter(procedure__is_active=True)
        .values("agency_id")
        .annotate(count=Count("procedure_id"))
    )
    return {row["agency_id"]: row["count"] for row in rows}
