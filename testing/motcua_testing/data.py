"""The shared data (the national catalogue, the evaluation set) for the tests that need it.

Missing data skips the test with one loud line; under ``CI=true`` it fails it, so a CI machine
without the data cannot pass by skipping.
"""

from __future__ import annotations

import os
import warnings

import pytest


def missing_data(message: str) -> None:
    """Skip loudly (fail under ``CI=true``): the shared data the test needs is not there."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}; CI=true requires the shared data", pytrace=False)
    warnings.warn(message, stacklevel=2)
    pytest.skip(message)
