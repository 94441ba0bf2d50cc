"""The audit table is append-only in the database itself, not only in the model.

``AuditEntry.save``/``delete`` refuse changes, but ``QuerySet.update()``, ``delete()``
and raw SQL go around the model. Triggers refuse UPDATE except the sequencer's one kind
(giving an entry not yet in the chain its ``seq``, ``previous_hash`` and ``hash``, every other
column unchanged; ``audit.chain``), and DELETE (and
TRUNCATE on PostgreSQL) unless the connection is in *maintenance*: only
``motcua manage flush`` (which empties the whole database on purpose, as the test
suite does between live-server tests) enters it. On PostgreSQL maintenance is a
session setting, on SQLite a function this process registers on its connections;
a connection without the function (the ``sqlite3`` shell) cannot delete at all.

This is a guard against mistakes and injected SQL, not against the database's
owner, who can drop a trigger: that is what the keyed chain and the checkpoints
outside the database are for (``audit verify``).
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django.db import connection as default_connection
from django.db.backends.signals import connection_created
from django.dispatch import receiver

TABLE = "audit_auditentry"
_state = threading.local()

POSTGRESQL_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION motcua_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' THEN
            IF OLD.seq IS NULL AND OLD.hash IS NULL AND NEW.seq IS NOT NULL AND NEW.hash IS NOT NULL
               AND (NEW.id, NEW.at, NEW.actor_id, NEW.actor_name, NEW.action, NEW.object_type,
                    NEW.object_ref, NEW.detail, NEW.ip, NEW.mac)
                   IS NOT DISTINCT FROM (OLD.id, OLD.at, OLD.actor_id, OLD.actor_name, OLD.action,
                    OLD.object_type, OLD.object_ref, OLD.detail, OLD.ip, OLD.mac) THEN
                RETURN NEW;
            END IF;
        END IF;
        IF TG_OP IN ('DELETE', 'TRUNCATE')
           AND coalesce(current_setting('motcua.audit_maintenance', true), '') = 'on' THEN
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NULL;
        END IF;
        RAISE EXCEPTION '{TABLE} is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$
    """,
    f"DROP TRIGGER IF EXISTS audit_append_only_rows ON {TABLE}",
    f"""CREATE TRIGGER audit_append_only_rows BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION motcua_audit_append_only()""",
    f"DROP TRIGGER IF EXISTS audit_append_only_truncate ON {TABLE}",
    f"""CREATE TRIGGER audit_append_only_truncate BEFORE TRUNCATE ON {TABLE}
        FOR EACH STATEMENT EXECUTE FUNCTION motcua_audit_append_only()""",
]
POSTGRESQL_REMOVE = [
    f"DROP TRIGGER IF EXISTS audit_append_only_rows ON {TABLE}",
    f"DROP TRIGGER IF EXISTS audit_append_only_truncate ON {TABLE}",
]
SQLITE_INSTALL = [
    "DROP TRIGGER IF EXISTS audit_append_only_update",
    f"""CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON {TABLE}
        WHEN NOT (OLD.seq IS NULL AND OLD.hash IS NULL AND NEW.seq IS NOT NULL AND NEW.hash IS NOT NULL
            AND NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.actor_id IS OLD.actor_id
            AND NEW.actor_name IS OLD.actor_name AND NEW.action IS OLD.action
            AND NEW.object_type IS OLD.object_type AND NEW.object_ref IS OLD.object_ref
            AND NEW.detail IS OLD.detail AND NEW.ip IS OLD.ip AND NEW.mac IS OLD.mac)
        BEGIN SELECT RAISE(ABORT, '{TABLE} is append-only (UPDATE refused)'); END""",
    "DROP TRIGGER IF EXISTS audit_append_only_delete",
    f"""CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON {TABLE}
        WHEN motcua_audit_maintenance() = 0
        BEGIN SELECT RAISE(ABORT, '{TABLE} is append-only (DELETE refused)'); END""",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_append_only_update",
    "DROP TRIGGER IF EXISTS audit_append_only_delete",
]


def _statements(vendor: str, *, install: bool) -> list[str]:
    if vendor == "postgresql":
        return POSTGRESQL_INSTALL if install else POSTGRESQL_REMOVE
    if vendor == "sqlite":
        return SQLITE_INSTALL if install else SQLITE_REMOVE
    return []


def install(connection) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, install=True):
            cursor.execute(statement)


def remove(connection) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, install=False):
            cursor.execute(statement)


def _in_maintenance() -> int:
    return 1 if getattr(_state, "maintenance", False) else 0


@receiver(connection_created, dispatch_uid="audit-guard-sqlite-function")
def _register_function(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("motcua_audit_maintenance", 0, _in_maintenance)


@contextmanager
def maintenance(connection=default_connection):
    """Let this thread's connection delete audit rows (emptying the whole database, nothing else)."""
    _state.maintenance = True
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET motcua.audit_maintenance = 'on'")
    try:
        yield
    finally:
        _state.maintenance = False
        if connection.vendor == "postgresql" and connection.connection is not None:
            with connection.cursor() as cursor:
                cursor.execute("RESET motcua.audit_maintenance")
