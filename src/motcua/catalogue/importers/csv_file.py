"""The flat CSV format: one procedure per row, for the parts that fit in columns.

Columns (header required; only ``code``, ``name`` and ``field`` are mandatory):
``code, name, field, levels, online_level, processing_time, processing_time_unit,
fee_name, fee_amount, agencies, description, target_groups, result, source_url``.
Lists (``levels``, ``agencies``) are separated by ``;``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from motcua.catalogue.services import ImportRejected, RowProblem

REQUIRED = ("code", "name", "field")
OPTIONAL_TEXT = ("description", "target_groups", "result", "source_url")


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def parse(text: str) -> list[tuple[int, dict]]:
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ImportRejected([RowProblem(1, f"thiếu cột {', '.join(missing)}")])
    rows: list[tuple[int, dict]] = []
    problems: list[RowProblem] = []
    for row in reader:
        line = reader.line_num
        record: dict = {key: (row.get(key) or "").strip() for key in REQUIRED}
        record["levels"] = _split(row.get("levels", ""))
        record["agencies"] = _split(row.get("agencies", ""))
        record["online_level"] = (row.get("online_level") or "offline").strip()
        if (row.get("processing_time") or "").strip():
            record["processing_time"] = {
                "amount": row["processing_time"].strip().replace(",", "."),
                "unit": (row.get("processing_time_unit") or "working_day").strip(),
            }
        amount = (row.get("fee_amount") or "").strip()
        if amount:
            if not amount.isdigit():
                problems.append(RowProblem(line, f"fee_amount phải là số nguyên đồng, không phải {amount!r}"))
                continue
            record["fees"] = [{"name": (row.get("fee_name") or "Lệ phí").strip(), "amount": int(amount)}]
        for key in OPTIONAL_TEXT:
            if row.get(key):
                record[key] = row[key].strip()
        record["has_full_sheet"] = False
        rows.append((line, record))
    if problems:
        raise ImportRejected(problems)
    return rows


def read(path: Path) -> list[tuple[int, dict]]:
    return parse(Path(path).read_text(encoding="utf-8-sig"))
