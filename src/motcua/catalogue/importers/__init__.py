"""Readers that turn catalogue files into procedure records (see ``catalogue.records``).

- ``json_file``: the documented JSON format (``{"procedures": [...]}``), with line numbers;
- ``csv_file``: the flat parts of a procedure, one per row;
- ``national``: the national catalogue as the portal publishes it (CSV + markdown sheets).
"""

from __future__ import annotations

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
