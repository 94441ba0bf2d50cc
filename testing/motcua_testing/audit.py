"""Playing the database's owner in tests: someone who can drop the append-only triggers."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection

from motcua.audit import guard


@contextmanager
def as_database_owner():
    guard.remove(connection)
    try:
        yield
    finally:
        guard.install(connection)
