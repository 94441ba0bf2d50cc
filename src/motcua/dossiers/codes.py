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

    The counter row is created if missing, then incremented by one UPDATE …
    RETURNING, which holds the row lock until the transaction commits, so two
    submissions never get the same number (PostgreSQL row lock; SQLite's
    single writer).
    """
    day = at.astimezone(LOCAL_TZ).date()
    table = CodeCounter._meta.db_table
    day_value = connection.ops.adapt_datefield_value(day)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (agency_id, day, last) VALUES (%s, %s, 0) ON CONFLICT (agency_id, day) DO NOTHING",
            [agency.pk, day_value],
        )
        cursor.execute(
            f"UPDATE {table} SET last = last + 1 WHERE agency_id = %s AND day = %s RETURNING last",
            [agency.pk, day_value],
        )
        (sequence,) = cursor.fetchone()
    return format_dossier_code(agency.code, day, sequence)
