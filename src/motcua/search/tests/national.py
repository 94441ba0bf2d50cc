"""The national catalogue for data tests: found in the shared data folder, or the test is skipped loudly."""

from __future__ import annotations

from pathlib import Path

from motcua.search.evaluation import shared_data
from motcua_testing.data import missing_data


def national_catalogue() -> Path:
    folder = shared_data() / "national-catalogue"
    if not (folder / "procedures.csv").is_file():
        message = (
            f"NATIONAL CATALOGUE NOT FOUND at {folder}: set MOTCUA_SHARED_DATA to the shared data folder"
        )
        missing_data(message)
    return folder
