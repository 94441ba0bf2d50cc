"""Backups restore into an empty instance with every row and every file as they were."""

import hashlib
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

from motcua.audit import anchoring
from motcua.documents.services import Upload, attach_files
from motcua.dossiers.states import Status
from motcua_testing.dossiers import dossier_in
from motcua_testing.files import scanned_pdf

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

KEY = "khoa-sao-luu-thu-nghiem-2026"


@pytest.fixture
def instance(world, settings, tmp_path):
    """A small instance with dossiers, a scanned file, audit entries and a checkpoint."""
    settings.MEDIA_ROOT = tmp_path / "source-files"
    settings.BACKUP_KEY = KEY
    dossier = dossier_in(world, Status.RECEIVED)
    attach_files(
        dossier=dossier,
        by=world.receiver.user,
        uploads=[Upload(scanned_pdf(), None, field="scan")],
        stage="counter",
    )
    dossier_in(world, Status.DRAFT)
    # Over a megabyte, so the archive has several encrypted chunks.
    default_storage.save("results/ket-qua-lon.bin", ContentFile(os.urandom(3 * 1024 * 1024)))
    anchoring.write_checkpoint()
    return settings.MEDIA_ROOT


def _restore(archive: Path, target: Path, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MOTCUA_")}
    environment.update({"MOTCUA_DATA_DIR": str(target), "MOTCUA_BACKUP_KEY": KEY, **env})
    return subprocess.run(
        [sys.executable, "-m", "motcua.cli", "restore", str(archive)],
        env=environment,
        capture_output=True,
        text=True,
    )


def _files(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file()
    }


def _sqlite_rows(path) -> dict[str, list]:
    with sqlite3.connect(str(path)) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: sorted(map(repr, db.execute(f'SELECT * FROM "{t}"').fetchall())) for t in tables}


def test_an_sqlite_instance_comes_back_row_for_row_and_file_for_file(instance, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite drill; the PostgreSQL one is below")
    archive = tmp_path / "motcua.backup"
    call_command("backup", str(archive))
    assert b"%PDF" not in archive.read_bytes()  # encrypted at rest
    restored = _restore(archive, tmp_path / "restored")
    assert restored.returncode == 0, restored.stderr
    assert _sqlite_rows(tmp_path / "restored" / "motcua.sqlite3") == _sqlite_rows(
        connection.settings_dict["NAME"]
    )
    assert _files(tmp_path / "restored" / "files") == _files(instance)
    verified = subprocess.run(
        [sys.executable, "-m", "motcua.cli", "audit", "verify"],
        env={k: v for k, v in os.environ.items() if not k.startswith("MOTCUA_")}
        | {"MOTCUA_DATA_DIR": str(tmp_path / "restored")},
        capture_output=True,
        text=True,
    )
    assert "intact" in verified.stdout, verified.stderr


def test_a_wrong_key_a_cut_archive_and_a_used_instance_are_refused(instance, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("restores into SQLite instances")
    archive = tmp_path / "motcua.backup"
    call_command("backup", str(archive))
    wrong = _restore(archive, tmp_path / "a", MOTCUA_BACKUP_KEY="khoa-khac")
    assert wrong.returncode != 0 and "wrong MOTCUA_BACKUP_KEY" in wrong.stderr
    cut = tmp_path / "cut.backup"
    for cut_at in (archive.stat().st_size - 100, 2 * 1024 * 1024):
        cut.write_bytes(archive.read_bytes()[:cut_at])
        assert _restore(cut, tmp_path / f"cut-{cut_at}").returncode != 0
    used = tmp_path / "c"
    assert _restore(archive, used).returncode == 0
    again = _restore(archive, used)
    assert again.returncode != 0 and "not empty" in again.stderr


@pytest.mark.postgresql
def test_a_postgresql_instance_comes_back_row_for_row(instance, tmp_path):
    import psycopg

    archive = tmp_path / "motcua.backup"
    call_command("backup", str(archive))
    name = f"motcua_restore_{uuid.uuid4().hex[:8]}"
    params = connection.settings_dict
    admin = psycopg.connect(
        host=params["HOST"],
        port=params["PORT"] or 5432,
        user=params["USER"],
        dbname="postgres",
        autocommit=True,
    )
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = f"postgres://{params['USER']}@{params['HOST']}:{params['PORT'] or 5432}/{name}"
        restored = _restore(archive, tmp_path / "restored", MOTCUA_DATABASE_URL=url)
        assert restored.returncode == 0, restored.stderr
        source_rows, restored_rows = {}, {}
        for database, rows in ((params["NAME"], source_rows), (name, restored_rows)):
            with psycopg.connect(
                host=params["HOST"], port=params["PORT"] or 5432, user=params["USER"], dbname=database
            ) as db:
                tables = [
                    r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname='public'")
                ]
                for table in tables:
                    rows[table] = sorted(map(repr, db.execute(f'SELECT * FROM "{table}"').fetchall()))
        assert restored_rows == source_rows
        assert _files(tmp_path / "restored" / "files") == _files(instance)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
