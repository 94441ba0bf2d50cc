"""Readers that turn catalogue files into procedure records (see ``catalogue.records``).

- ``json_file``: the documented JSON format (``{"procedures": [...]}``), with line numbers;
- ``csv_file``: the flat parts of a procedure, one per row;
- ``national``: the national catalogue as the portal publishes it (CSV + markdown sheets).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from motcua.catalogue.services import ImportReport, import_procedures


def import_path(path: str | Path) -> ImportReport:
    """Import a JSON file, a CSV file, or a national-catalogue folder (or its ``procedures.csv``)."""
    from motcua.catalogue.importers import csv_file, json_file, national

    path = Path(path)
    if path.is_dir() or national.is_national_csv(path):
        rows, warnings = national.read(path if path.is_dir() else path.parent)
        return import_procedures(rows, warnings=warnings)
    if path.suffix.lower() == ".json":
        return import_procedures(json_file.read(path))
    if path.suffix.lower() == ".csv":
        return import_procedures(csv_file.read(path))
    raise ValueError(f"Không nhận dạng được tệp {path} (cần .json, .csv hoặc thư mục danh mục quốc gia)")


def summarize(report: ImportReport) -> str:
    """What an operator wants to read after an import: how many, how complete, what was left out.

    Warnings are counted by ``kind`` (time, fee, document...) when the reader
    gives one, so a regression in one part of the parsing stands out.
    """
    kinds = Counter(getattr(warning, "kind", "khác") for warning in report.warnings)
    by_kind = ", ".join(
        f"{kind}: {count}" for kind, count in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return "\n".join(
        [
            f"Thủ tục: {report.total} (thêm mới {report.created}, cập nhật {report.updated})",
            f"Có phiếu thông tin đầy đủ: {report.full_sheets}",
            f"Cảnh báo: {len(report.warnings)}" + (f" ({by_kind})" if by_kind else ""),
        ]
    )
