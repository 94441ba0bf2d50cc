"""Full text in the database: SQLite FTS5 (embedded) or PostgreSQL tsvector (at scale).

Both index the folded texts of ``SearchEntry`` (diacritics and đ folded in
Python, because FTS5's ``remove_diacritics`` leaves đ alone and ``unaccent``
is an extension not every PostgreSQL has). Questions are answered from the
in-memory index (``ranking.Index.candidates``): ranking every matching row
in PostgreSQL cost 15–60 ms a question. The full text is still kept up to
date for queries made in the database itself (SQL, reports).
"""

from __future__ import annotations

from django.db import connection

COLUMNS = ("name", "field_name", "agencies", "documents", "results", "targets")

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    + ", ".join(COLUMNS)
    + ", tokenize = 'unicode61 remove_diacritics 2')"
)
SQLITE_DROP = "DROP TABLE IF EXISTS search_fts"

POSTGRES_CREATE = (
    "ALTER TABLE search_searchentry ADD COLUMN IF NOT EXISTS vector tsvector",
    "CREATE INDEX IF NOT EXISTS search_entry_vector ON search_searchentry USING gin (vector)",
)
POSTGRES_DROP = (
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS vector",
)
POSTGRES_VECTOR = (
    "setweight(to_tsvector('simple', name), 'A')"
    " || setweight(to_tsvector('simple', results || ' ' || targets), 'B')"
    " || setweight(to_tsvector('simple', field_name || ' ' || agencies), 'C')"
    " || setweight(to_tsvector('simple', documents), 'D')"
)


def create_schema(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement)


def drop_schema(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    elif vendor == "postgresql":
        for statement in POSTGRES_DROP:
            schema_editor.execute(statement)


def refresh(ids: list[int]) -> None:
    """Bring the database's full text up to date with the ``SearchEntry`` rows of ``ids``."""
    if not ids:
        return
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({marks})", ids)
            cursor.execute(
                f"INSERT INTO search_fts (rowid, {', '.join(COLUMNS)}) "
                f"SELECT procedure_id, {', '.join(COLUMNS)} FROM search_searchentry "
                f"WHERE procedure_id IN ({marks})",
                ids,
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                f"UPDATE search_searchentry SET vector = {POSTGRES_VECTOR} WHERE procedure_id IN ({marks})",
                ids,
            )


def prune() -> None:
    """Forget the full text of procedures that no longer exist (SQLite keeps it in its own table)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM search_fts WHERE rowid NOT IN (SELECT procedure_id FROM search_searchentry)"
            )


def _filters(filters: dict) -> tuple[str, list]:
    sql, params = ["e.is_active"], []
    if filters.get("field"):
        sql.append("e.field_code = %s")
        params.append(filters["field"])
    if filters.get("level"):
        sql.append("e.levels LIKE %s")
        params.append(f"% {filters['level']} %")
    if filters.get("agency"):
        sql.append("e.agency_codes LIKE %s")
        params.append(f"% {filters['agency']} %")
    if filters.get("online_level"):
        sql.append("e.online_level = %s")
        params.append(filters["online_level"])
    return " AND ".join(sql), params


def filtered(limit: int | None = None, **filters) -> list[int]:
    """Ids of the procedures that pass the filters, by code: the list without a question."""
    where, params = _filters(filters)
    sql = (
        "SELECT e.procedure_id FROM search_searchentry e JOIN catalogue_procedure p ON p.id = e.procedure_id "
        f"WHERE {where} ORDER BY p.code"
    )
    if limit:
        sql += f" LIMIT {int(limit)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]
