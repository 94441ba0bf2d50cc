"""Search in the recognised text of digitized documents: SQLite FTS5 (embedded) or PostgreSQL full text.

The text is folded in Python before it is indexed and before it is asked (no tone marks, đ → d,
with ``motcua.core.text.tokens`` as the procedure search does), so "Nguyen Van Duc", "nguyễn văn đức"
and "Đức Nguyễn" all find a paper that reads "NGUYỄN VĂN ĐỨC". Every word must be in the document;
the last one may be the start of a word, as the official is still typing it.

SQLite keeps the folded text in an FTS5 table of its own, filled when a document's text is written
(``index``); PostgreSQL indexes ``search_text`` in place (a GIN index on its tsvector).
"""

from __future__ import annotations

from django.db import connection

from motcua.core.text import tokens

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS documents_text_fts USING fts5(search_text, tokenize = 'unicode61')"
)
SQLITE_FILL = "INSERT INTO documents_text_fts (rowid, search_text) SELECT id, search_text FROM documents_digitizeddocument"
SQLITE_DROP = "DROP TABLE IF EXISTS documents_text_fts"
POSTGRES_VECTOR = "to_tsvector('simple', search_text)"
POSTGRES_CREATE = f"CREATE INDEX IF NOT EXISTS documents_text_vector ON documents_digitizeddocument USING gin ({POSTGRES_VECTOR})"
POSTGRES_DROP = "DROP INDEX IF EXISTS documents_text_vector"
LIMIT = 50


def create_schema(schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
        schema_editor.execute(SQLITE_FILL)
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)


def drop_schema(schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)


def searchable(text: str) -> str:
    """What is indexed of a text: its words, folded, separated by spaces ("125/2026/KS" → "125 2026 ks")."""
    return " ".join(tokens(text))


def index(document_id: int, search_text: str) -> None:
    """Keep SQLite's full text of one document up to date (PostgreSQL's index follows the row)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM documents_text_fts WHERE rowid = %s", [document_id])
        cursor.execute(
            "INSERT INTO documents_text_fts (rowid, search_text) VALUES (%s, %s)", [document_id, search_text]
        )


def matching(query: str, among, *, limit: int = LIMIT) -> list[int]:
    """Ids of the documents of the queryset ``among`` whose text holds every word of ``query``, best first."""
    words = tokens(query)
    if not words:
        return []
    among_sql, among_params = among.values("id").query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            match = " AND ".join([f'"{word}"' for word in words[:-1]] + [f'"{words[-1]}" *'])
            cursor.execute(
                "SELECT rowid FROM documents_text_fts WHERE documents_text_fts MATCH %s "
                f"AND rowid IN ({among_sql}) ORDER BY bm25(documents_text_fts) LIMIT %s",
                [match, *among_params, limit],
            )
        else:
            wanted = " & ".join(words[:-1] + [f"{words[-1]}:*"])
            cursor.execute(
                f"SELECT d.id FROM documents_digitizeddocument d, to_tsquery('simple', %s) q "
                f"WHERE {POSTGRES_VECTOR.replace('search_text', 'd.search_text')} @@ q "
                f"AND d.id IN ({among_sql}) "
                f"ORDER BY ts_rank({POSTGRES_VECTOR.replace('search_text', 'd.search_text')}, q) DESC LIMIT %s",
                [wanted, *among_params, limit],
            )
        return [row[0] for row in cursor.fetchall()]
