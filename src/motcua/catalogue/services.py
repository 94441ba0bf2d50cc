"""Writes to the catalogue: imports (idempotent, all-or-nothing)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from motcua.catalogue.models import DocumentComponent, Fee, Field, Level, Procedure, ProcessStep
from motcua.catalogue.records import TEXT_FIELDS, step_minutes, validate_record
from motcua.core.calendar import TimeUnit
from motcua.core.errors import ValidationFailed
from motcua.org.models import Agency


@dataclass
class RowProblem:
    line: int | str
    message: str

    def __str__(self):
        return f"dòng {self.line}: {self.message}"


class ImportRejected(ValidationFailed):
    """The file has bad rows; nothing was imported."""

    code = "import_rejected"

    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        super().__init__(
            f"Tệp có {len(problems)} dòng lỗi, chưa nhập gì: " + "; ".join(map(str, problems[:20])),
            fields={"rows": [str(p) for p in problems]},
        )


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    warnings: list[RowProblem] = field(default_factory=list)
    full_sheets: int = 0  # procedures imported with their full sheet (national catalogue)

    @property
    def total(self) -> int:
        return self.created + self.updated


def _field_for(name: str, cache: dict[str, Field]) -> Field:
    name = name.strip()
    if name not in cache:
        code = slugify(name.replace("đ", "d").replace("Đ", "D"))[:60] or "khac"
        found = Field.objects.filter(name=name).first()
        if found is None:
            base, n = code, 1
            while Field.objects.filter(code=code).exists():
                n += 1
                code = f"{base[:55]}-{n}"
            found = Field.objects.create(code=code, name=name)
        cache[name] = found
    return cache[name]


def import_procedures(
    rows: Iterable[tuple[int | str, dict]], *, warnings: list[RowProblem] | None = None
) -> ImportReport:
    """Create or update procedures from records, all or nothing.

    Every row is checked first; any bad row rejects the whole file with the
    line numbers of every problem. A procedure already present (same code) is
    updated, its fees, documents and steps replaced: re-importing the same file
    changes nothing.
    """
    rows = list(rows)
    agencies = dict(Agency.objects.values_list("code", "id"))
    problems: list[RowProblem] = []
    seen: dict[str, int | str] = {}
    for line, record in rows:
        for message in validate_record(record, known_agencies=set(agencies)):
            problems.append(RowProblem(line, message))
        code = record.get("code") if isinstance(record, dict) else None
        if isinstance(code, str):
            if code in seen:
                problems.append(RowProblem(line, f"mã thủ tục {code} trùng với dòng {seen[code]}"))
            seen[code] = line
    if problems:
        raise ImportRejected(problems)

    report = ImportReport(warnings=list(warnings or []))
    with transaction.atomic():
        fields: dict[str, Field] = {}
        levels = {level.code: level for level in Level.objects.all()}
        existing = {p.code: p for p in Procedure.objects.filter(code__in=list(seen))}
        for _line, record in rows:
            _save_procedure(record, existing.get(record["code"]), fields, levels, agencies, report)
    return report


def _save_procedure(record, procedure, fields, levels, agencies, report) -> None:
    time = record.get("processing_time") or {}
    values = {
        "name": record["name"].strip(),
        "field": _field_for(record["field"], fields),
        "online_level": record.get("online_level", "offline"),
        "form_schema": record.get("form_schema") or {},
        "legal_basis": record.get("legal_basis") or [],
        "channels": record.get("channels") or [],
        "processing_time_amount": Decimal(str(time["amount"])) if time.get("amount") is not None else None,
        "processing_time_unit": time.get("unit", TimeUnit.WORKING_DAY),
        "processing_time_note": time.get("note", "")[:500],
        "has_full_sheet": bool(record.get("has_full_sheet", True)),
        "is_active": bool(record.get("is_active", True)),
    }
    values.update({key: record.get(key, "") or "" for key in TEXT_FIELDS})
    if procedure is None:
        procedure = Procedure.objects.create(code=record["code"].strip(), **values)
        report.created += 1
    else:
        for key, value in values.items():
            setattr(procedure, key, value)
        procedure.save()
        report.updated += 1
        procedure.fees.all().delete()
        procedure.steps.all().delete()
    if procedure.has_full_sheet:
        report.full_sheets += 1
    procedure.levels.set([levels[code] for code in record.get("levels", [])])
    procedure.agencies.set([agencies[code] for code in record.get("agencies", [])])
    Fee.objects.bulk_create(
        [
            Fee(
                procedure=procedure,
                order=i,
                kind=fee.get("kind", "charge"),
                name=fee["name"].strip()[:500],
                amount=fee["amount"],
                note=fee.get("note", ""),
            )
            for i, fee in enumerate(record.get("fees", []))
        ]
    )
    _replace_documents(procedure, record.get("documents", []))
    ProcessStep.objects.bulk_create(
        [
            ProcessStep(
                procedure=procedure,
                order=i + 1,
                name=step["name"].strip()[:255],
                role=step["role"],
                target=step.get("target", "competent"),
                agency_id=agencies.get(step["agency"]) if step.get("agency") else None,
                duration_minutes=step_minutes(step) or 0,
            )
            for i, step in enumerate(record.get("steps", []))
        ]
    )


def _replace_documents(procedure: Procedure, documents: list[dict]) -> None:
    """Replace the document list, keeping blank-form files uploaded for a document of the same name."""
    kept_files = {d.name: d.form_file for d in procedure.documents.all() if d.form_file}
    procedure.documents.all().delete()
    DocumentComponent.objects.bulk_create(
        [
            DocumentComponent(
                procedure=procedure,
                order=i,
                name=doc["name"].strip(),
                originals=doc.get("originals", 0),
                copies=doc.get("copies", 0),
                mandatory=bool(doc.get("mandatory", True)),
                form_name=doc.get("form_name", "")[:255],
                note=doc.get("note", ""),
                form_file=kept_files.get(doc["name"].strip(), ""),
            )
            for i, doc in enumerate(documents)
        ]
    )
