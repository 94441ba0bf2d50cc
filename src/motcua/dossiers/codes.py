"""Issuing dossier codes: one daily sequence per receiving agency, safe under concurrent writers."""

from __future__ import annotations

from datetime import datetime

from django.db import connection

from motcua.core.calendar import LOCAL_TZ
from motcua.core.codes import format_dossier_code
from motcua.dossiers.models import CodeCounter
from motcua.org.models import Agency


def issue_code(agency: Agency, at: datetime) -> str:
    """The next code for ``agency`` on the local date of ``at``; call inside the dossier's transaction.

    One upsert creates the day's counter row or increments it, and returns the
    new value; the row stays locked until the transaction commits, so two
    submissions never get the same number (PostgreSQL row lock; SQLite's
    single writer).
    """
    day = at.astimezone(LOCAL_TZ).date()
    table = CodeCounter._meta.db_table
    day_value = connection.ops.adapt_datefield_value(day)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (agency_id, day, last) VALUES (%s, %s, 1) "
            f"ON CONFLICT (agency_id, day) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [agency.pk, day_value],
        )
        (sequence,) = cursor.fetchone()
    return format_dossier_code(agency.code, day, sequence)
