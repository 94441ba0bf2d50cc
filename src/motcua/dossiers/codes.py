"""Issuing dossier codes: one daily sequence per receiving agency, safe under concurrent writers."""

from __future__ import annotations

import os
import threading
import weakref
from datetime import datetime

from django.db import DEFAULT_DB_ALIAS, DatabaseError, IntegrityError, connection, connections

from motcua.core.calendar import LOCAL_TZ
from motcua.core.codes import format_dossier_code
from motcua.dossiers.models import CodeCounter
from motcua.org.models import Agency

_local = threading.local()
# Outer transactions in which a number had to be taken inline: the rest of them takes it inline too
# (their uncommitted counter row would make the separate connection wait for them).
_inline_from_now_on: weakref.WeakSet = weakref.WeakSet()
_opened: weakref.WeakSet = weakref.WeakSet()  # the separate connections of every thread
_inherited: list = []


def issue_code(agency: Agency, at: datetime) -> str:
    """The next code for ``agency`` on the local date of ``at``; call inside the dossier's transaction.

    One upsert creates the day's counter row or increments it, and returns the new value. On
    PostgreSQL it runs in a transaction of its own, on a connection of its own, committed at once
    without waiting for the disk: the counter row is locked for the statement alone, not until the
    submission commits, so concurrent submissions at one agency no longer queue one behind the other
    (a submission's commit, fsync included, took the row with it). Codes stay unique; a submission
    that rolls back leaves a gap in the day's numbers. Durability holds: a submission's own commit
    waits for the log up to its commit record, which lies after the counter's. Where the separate
    transaction cannot take the number (the agency itself is not committed yet, the database
    unreachable from a second connection) it is taken inline, in the caller's transaction, as before;
    SQLite (one writer at a time) always takes it inline.
    """
    day = at.astimezone(LOCAL_TZ).date()
    table = CodeCounter._meta.db_table
    sql = (
        f"INSERT INTO {table} (agency_id, day, last) VALUES (%s, %s, 1) "
        f"ON CONFLICT (agency_id, day) DO UPDATE SET last = {table}.last + 1 RETURNING last"
    )
    params = [agency.pk, connection.ops.adapt_datefield_value(day)]
    sequence = _in_own_transaction(sql, params) if connection.vendor == "postgresql" else None
    if sequence is None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            (sequence,) = cursor.fetchone()
    return format_dossier_code(agency.code, day, sequence)


def _in_own_transaction(sql: str, params: list) -> int | None:
    """The counter's new value, taken on the separate connection; None where it must be taken inline."""
    outer = connection.atomic_blocks[0] if connection.atomic_blocks else None
    if outer is not None and outer in _inline_from_now_on:
        return None
    separate = None
    try:
        separate = _separate_connection()
        with separate.cursor() as cursor:
            cursor.execute(sql, params)
            (sequence,) = cursor.fetchone()
        return sequence
    except IntegrityError:  # the agency is not committed yet (it is created in this very transaction)
        pass
    except DatabaseError:  # lock timeout, lost connection: the next call opens a new one
        if separate is not None:
            separate.close()
        _local.connection = None
    if outer is not None:
        _inline_from_now_on.add(outer)
    return None


def _separate_connection():
    held = getattr(_local, "connection", None)
    settings_dict = connection.settings_dict
    if (
        held is None
        or held[0] != os.getpid()
        or held[1].connection is None  # closed (close_separate_connections): opened again with its settings
        or held[1].settings_dict["NAME"] != settings_dict["NAME"]
    ):
        if held is not None and held[0] != os.getpid():
            # A forked child's copy of its parent's connection: kept, never closed (it is the parent's).
            _inherited.append(held)
        wrapper = type(connections[DEFAULT_DB_ALIAS])(
            {**settings_dict, "AUTOCOMMIT": True, "CONN_MAX_AGE": None, "CONN_HEALTH_CHECKS": False},
            alias="dossier_codes",
        )
        wrapper.ensure_connection()
        with wrapper.cursor() as cursor:
            # Commits return before the disk confirms (see issue_code: the submission's commit does);
            # a number never waits long behind a transaction that holds the row.
            cursor.execute("SET synchronous_commit TO off")
            cursor.execute("SET lock_timeout TO '5s'")
        held = _local.connection = (os.getpid(), wrapper)
        _opened.add(wrapper)
    return held[1]


def close_separate_connections() -> None:
    """Close every thread's separate connection (tests: before the test database is dropped)."""
    for wrapper in list(_opened):
        if wrapper.connection is not None:
            wrapper.connection.close()
        wrapper.connection = None
    _opened.clear()
    _local.connection = None
