"""A dataset's rows written as CSV, JSON or XLSX, streamed as they are read.

CSV is RFC 4180 in UTF-8 without a byte-order mark (machines read it; people who open files in
Excel take the XLSX), one header line of column names. JSON is an array of objects keyed by
column name. Times are ISO 8601 in Vietnam's time (``+07:00``); money is integer đồng.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from motcua.opendata.datasets import Dataset

BATCH = 500


def _text(value: Any) -> Any:
    if isinstance(value, datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if value is not None and not isinstance(value, bool | int | float | str):
        return str(value)
    return value


def _csv_cell(value: Any) -> Any:
    value = _text(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def csv_chunks(dataset: Dataset, rows: Iterable[dict] | None = None) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    names = [column.name for column in dataset.columns]
    writer.writerow(names)
    count = 0
    for row in dataset.records() if rows is None else rows:
        writer.writerow([_csv_cell(row.get(name)) for name in names])
        count += 1
        if count % BATCH == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def json_chunks(dataset: Dataset, rows: Iterable[dict] | None = None) -> Iterator[bytes]:
    yield b"["
    parts: list[str] = []
    first = True
    for row in dataset.records() if rows is None else rows:
        text = json.dumps({key: _text(value) for key, value in row.items()}, ensure_ascii=False)
        parts.append(text if first else "," + text)
        first = False
        if len(parts) >= BATCH:
            yield "\n".join(parts).encode("utf-8")
            parts = []
    if parts:
        yield "\n".join(parts).encode("utf-8")
    yield b"]\n"


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return timezone.make_naive(value) if timezone.is_aware(value) else value
    if isinstance(value, Decimal):
        return float(value)
    if value is not None and not isinstance(value, bool | int | float | str | date):
        return str(value)
    return value


def xlsx_file(dataset: Dataset, rows: Iterable[dict] | None = None) -> IO[bytes]:
    """The workbook in a temporary file (openpyxl's write-only mode keeps memory flat; the response
    then streams the file and closes it, which deletes it)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=dataset.slug[:31])
    bold = Font(bold=True)
    header = []
    for column in dataset.columns:
        cell = WriteOnlyCell(sheet, value=str(column.label))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    names = [column.name for column in dataset.columns]
    for row in dataset.records() if rows is None else rows:
        sheet.append([_xlsx_value(row.get(name)) for name in names])
    out = tempfile.TemporaryFile()
    book.save(out)
    out.seek(0)
    return out
