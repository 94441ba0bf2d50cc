"""Real ``motcua worker`` processes for the tests that exercise background jobs end to end."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.db import connection


def database_url() -> str:
    """The URL of the database the tests are using (the test database), for a child process."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or "postgres"
    host = db.get("HOST") or "127.0.0.1"
    return f"postgres://{user}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


@contextlib.contextmanager
def running_worker(log: Path, *args: str, env: dict | None = None) -> Iterator[subprocess.Popen]:
    """A ``motcua worker`` on the test database and data directory; stopped (TERM, then KILL) after."""
    environ = {
        **os.environ,
        "MOTCUA_DATA_DIR": str(settings.DATA_DIR),
        "MOTCUA_DATABASE_URL": database_url(),
        "MOTCUA_WORKER_CONCURRENCY": "1",
        "MOTCUA_JOBS_EAGER": "0",
        **(env or {}),
    }
    connection.close()  # the child must not inherit a connection (nor SQLite's lock) from us
    with open(log, "w") as out:
        worker = subprocess.Popen(
            [sys.executable, "-m", "motcua.cli", "worker", *args],
            env=environ,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            yield worker
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()


def wait_for(condition: Callable[[], bool], *, timeout: float = 60, every: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return condition()
