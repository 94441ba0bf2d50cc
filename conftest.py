"""Suite-wide test setup.

The whole suite runs on SQLite by default and on PostgreSQL when
``MOTCUA_DATABASE_URL`` names one (``make test`` does both). A missing service
skips its suite with one loud line, or fails it when ``CI=true``.
"""

from __future__ import annotations

import os

import pytest

from motcua.testing.world import build_world


def pytest_report_header(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"motcua: database backend {engine}"


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    """Process-level caches must not carry one test's rows into the next."""
    from motcua.api.authentication import forget_tokens
    from motcua.catalogue.selectors import forget_filing_cache
    from motcua.core.calendar import forget_cached_calendar

    forget_tokens()
    forget_filing_cache()
    forget_cached_calendar()
    yield


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def api():
    from rest_framework.test import APIClient

    return APIClient()


def on_postgresql() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


@pytest.fixture
def postgresql_only():
    if not on_postgresql():
        pytest.skip("needs PostgreSQL (runs in the PostgreSQL pass of `make test`)")


def require_service(name: str, available: bool, how: str) -> None:
    """Skip loudly, or fail under CI, when an outside service is missing."""
    if available:
        return
    message = f"{name} is not reachable ({how})"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}; CI=true requires it")
    pytest.skip(message)
