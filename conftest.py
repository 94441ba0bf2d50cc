"""Suite-wide test setup.

The whole suite runs on SQLite by default and on PostgreSQL when
``MOTCUA_DATABASE_URL`` names one (``make test`` does both). A missing service
skips its suite with one loud line, or fails it when ``CI=true``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from motcua_testing.world import build_world


def pytest_report_header(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"motcua: database backend {engine}"


@pytest.fixture(autouse=True, scope="session")
def _jobs_inline():
    """Background jobs run inline in the tests (as with MOTCUA_JOBS_EAGER=1); the suites that test
    the worker itself start real ``motcua worker`` processes."""
    from motcua.jobs.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    """Process-level caches must not carry one test's rows (or rate-limit counts) into the next."""
    from django.conf import settings
    from django.core.cache import cache
    from django.utils import translation

    from motcua.catalogue.selectors import forget_filing_cache
    from motcua.core.calendar import forget_cached_calendar
    from motcua.opendata.packages import forget_cached_datasets

    forget_filing_cache()
    forget_cached_calendar()
    forget_cached_datasets()
    cache.clear()
    # A request in English leaves English active in the thread; the next test starts in Vietnamese.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
    from motcua.dossiers.codes import close_separate_connections

    close_separate_connections()  # the dossier codes' own connection, or the test database cannot be dropped


@pytest.fixture(autouse=True)
def _own_audit_checkpoints(settings, tmp_path):
    """Each test's audit chain starts empty, so it gets its own checkpoint folder: a checkpoint left
    by an earlier test's chain would read as a rewritten chain."""
    settings.AUDIT_CHECKPOINT_DIR = str(tmp_path / "audit-checkpoints")


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


POSTGRESQL_ONLY = "needs PostgreSQL (runs in the PostgreSQL pass of `make test`)"


def pytest_runtest_setup(item):
    """``@pytest.mark.postgresql``: the test means something only on PostgreSQL (row locks under
    real concurrency, a PostgreSQL dump); the SQLite pass skips it, the PostgreSQL pass runs it."""
    if item.get_closest_marker("postgresql") is not None and not on_postgresql():
        pytest.skip(POSTGRESQL_ONLY)


@pytest.fixture
def postgresql_only():
    """Kept for tests written before the marker; new tests use ``@pytest.mark.postgresql``."""
    if not on_postgresql():
        pytest.skip(POSTGRESQL_ONLY)


def require_service(name: str, available: bool, how: str) -> None:
    """Skip loudly, or fail under CI, when an outside service is missing."""
    if available:
        return
    message = f"{name} is not reachable ({how})"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}; CI=true requires it")
    pytest.skip(message)


CHROMIUM = os.environ.get("MOTCUA_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (Playwright cannot download its own browser here)."""
    require_service("Chromium", shutil.which(CHROMIUM) is not None, f"{CHROMIUM}; apt-get install chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # beside it are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, live_server):
    """A fresh browser tab (a phone-sized screen) on the live server; ``page.goto('/path')`` works."""
    context = chromium.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        viewport={"width": 390, "height": 844},
        device_scale_factor=1,
    )
    page = context.new_page()
    page.set_default_timeout(30_000)  # a loaded 2-core CI machine
    yield page
    context.close()


def screenshot(page, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot under test-artifacts/screenshots/ for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


@pytest.fixture(autouse=True)
def _one_factor(settings):
    """Two factors are on by default (production, demo); the tests of other features sign officials
    in with a password only. The tests of two factors turn it on (``settings.TWO_FACTOR = True``)."""
    settings.TWO_FACTOR = False
