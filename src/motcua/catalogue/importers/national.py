"""The national catalogue as the National Public Service Portal publishes it.

(Placeholder: implemented by the national importer module.)
"""

from __future__ import annotations

from pathlib import Path


def is_national_csv(path: Path) -> bool:
    return path.name == "procedures.csv" and (path.parent / "sheets").is_dir()


def read(folder: Path):
    raise NotImplementedError
