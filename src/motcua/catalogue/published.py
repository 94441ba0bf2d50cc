"""Reads of the catalogue as it is published to everyone (the open data portal's datasets).

Only what the portal's procedure pages already show: active procedures, their fields, fees and
documents. Each read streams (``iterator``) so a download of the whole national catalogue never
holds it in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from django.db.models import Count, F, Max, Q, QuerySet, Sum

from motcua.catalogue.models import DocumentComponent, Fee, Field, Procedure

CHUNK = 2000


def active_procedures() -> QuerySet[Procedure]:
    return Procedure.objects.filter(is_active=True)


def last_changed() -> datetime | None:
    """When a published procedure (or its fees, documents: saved with it) last changed."""
    return active_procedures().aggregate(last=Max("updated_at"))["last"]


PROCEDURE_COLUMNS = (
    "id",
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


def procedure_rows() -> Iterator[dict]:
    """Every active procedure as a plain dict (the columns above, plus ``levels`` and ``agencies``:
    lists of codes, and ``total_fee`` in đồng), in code order.

    Read as values, a chunk of procedures at a time with one query each for their levels,
    agencies and fees: ORM objects and their prefetch machinery cost ten times more per row, and
    the national catalogue has 5,600 procedures.
    """
    procedures = active_procedures().order_by("code").values(*PROCEDURE_COLUMNS)
    chunk: list[dict] = []
    for row in procedures.iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield from _with_relations(chunk)
            chunk = []
    if chunk:
        yield from _with_relations(chunk)


def _with_relations(chunk: list[dict]) -> Iterator[dict]:
    ids = [row["id"] for row in chunk]
    levels: dict[int, list[str]] = {}
    for procedure_id, code in (
        Procedure.levels.through.objects.filter(procedure_id__in=ids)
        .order_by("level__order", "level_id")
        .values_list("procedure_id", "level_id")
    ):
        levels.setdefault(procedure_id, []).append(code)
    agencies: dict[int, list[str]] = {}
    for procedure_id, code in (
        Procedure.agencies.through.objects.filter(procedure_id__in=ids)
        .order_by("agency__code")
        .values_list("procedure_id", "agency__code")
    ):
        agencies.setdefault(procedure_id, []).append(code)
    fees = dict(
        Fee.objects.filter(procedure_id__in=ids)
        .values("procedure_id")
        .annotate(total=Sum("amount"))
        .values_list("procedure_id", "total")
    )
    for row in chunk:
        row["levels"] = levels.get(row["id"], [])
        row["agencies"] = agencies.get(row["id"], [])
        row["total_fee"] = int(fees.get(row["id"]) or 0)
        yield row


def fields_with_counts() -> QuerySet[Field]:
    """Every field with the number of active procedures in it."""
    return Field.objects.annotate(
        procedure_count=Count("procedures", filter=Q(procedures__is_active=True))
    ).order_by("code")


def fee_rows() -> Iterator[dict]:
    """Every fee of an active procedure: ``procedure_code``, ``procedure_name``, ``kind``, ``name``,
    ``amount``, ``note``."""
    return (
        Fee.objects.filter(procedure__is_active=True)
        .order_by("procedure__code", "order", "id")
        .values(
            "kind",
            "name",
            "amount",
            "note",
            procedure_code=F("procedure__code"),
            procedure_name=F("procedure__name"),
        )
        .iterator(chunk_size=CHUNK)
    )


def document_rows() -> Iterator[dict]:
    """Every document component of an active procedure: ``procedure_code``, ``order``, ``name``,
    ``originals``, ``copies``, ``mandatory``, ``form_name``."""
    return (
        DocumentComponent.objects.filter(procedure__is_active=True)
        .order_by("procedure__code", "order", "id")
        .values(
            "order",
            "name",
            "originals",
            "copies",
            "mandatory",
            "form_name",
            procedure_code=F("procedure__code"),
        )
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
