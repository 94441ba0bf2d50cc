"""The national catalogue for data tests: found in the shared data folder, or the test is skipped loudly."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from motcua.search.evaluation import shared_data


def national_catalogue() -> Path:
    folder = shared_data() / "national-catalogue"
    if not (folder / "procedures.csv").is_file():
        message = (
            f"NATIONAL CATALOGUE NOT FOUND at {folder}: set MOTCUA_SHARED_DATA to the shared data folder"
        )
        warnings.warn(message, stacklevel=2)
        pytest.skip(message)
    return folder
