"""What a backup holds and how it comes back.

A backup is one tar stream, encrypted (``crypto``), with:

- ``database.sqlite3`` (SQLite's online backup API: a consistent copy while the site runs) or
  ``database.pgdump`` (``pg_dump -Fc``: one snapshot, consistent by MVCC);
- ``files/<name>``: every file of the storage (uploads, scans, results, audit checkpoints),
  copied *after* the database snapshot — files are written before the rows that name them,
  so every file the snapshot refers to is there;
- ``keys/``: the secret and audit keys when they were generated into the data directory
  (a restore without them could not check the audit chain or the signed links);
- ``manifest.json`` last: the database's and every file's SHA-256, checked by the restore.

A restore goes into an *empty* instance only (a fresh ``MOTCUA_DATA_DIR`` and an empty
database): it never merges into or overwrites a running one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from motcua.core.backups.crypto import DecryptingReader, EncryptingWriter

FORMAT = "motcua-backup/1"


class RestoreRefused(Exception):
    pass


@dataclass
class Manifest:
    created_at: str
    engine: str
    database_sha256: str
    files: dict[str, str] = field(default_factory=dict)  # name → sha256
    keys: list[str] = field(default_factory=list)


def _walk(storage, folder: str = ""):
    folders, names = storage.listdir(folder)
    for name in sorted(names):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from _walk(storage, f"{folder}/{sub}" if folder else sub)


def stored_names() -> list[str]:
    try:
        return list(_walk(default_storage))
    except FileNotFoundError:
        return []


class _Hashing:
    def __init__(self, handle):
        self.handle, self.digest = handle, hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _snapshot_database(folder: Path) -> tuple[str, Path]:
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        target = folder / "database.sqlite3"
        source = sqlite3.connect(str(params["NAME"]))
        copy = sqlite3.connect(str(target))
        with copy:
            source.backup(copy)
        source.close()
        copy.close()
        return "sqlite", target
    if connection.vendor == "postgresql":
        target = folder / "database.pgdump"
        subprocess.run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(target),
                params["NAME"],
            ],
            env=_pg_env(params),
            check=True,
        )
        return "postgresql", target
    raise RestoreRefused(f"backups of {connection.vendor} are not supported")


def _pg_env(params) -> dict:
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
    ):
        if params.get(key):
            env[variable] = str(params[key])
    return env


def _generated_keys() -> dict[str, str]:
    keys = {}
    for name, variable in (("secret_key", "SECRET_KEY"), ("audit_key", "AUDIT_KEY")):
        if not os.environ.get(f"MOTCUA_{variable}"):
            keys[name] = getattr(settings, variable)
    return keys


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def create_backup(path: Path) -> Manifest:
    """Write an encrypted backup to ``path`` (atomically: a half-written backup is never left under that name)."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    with tempfile.TemporaryDirectory() as folder:
        engine, database = _snapshot_database(Path(folder))
        manifest = Manifest(
            created_at=timezone.now().isoformat(timespec="seconds"),
            engine=engine,
            database_sha256=_sha256_file(database),
        )
        with partial.open("wb") as raw:
            writer = EncryptingWriter(raw, settings.BACKUP_KEY)
            with tarfile.open(fileobj=writer, mode="w|") as tar:
                tar.add(database, arcname=database.name)
                for name in stored_names():
                    with default_storage.open(name, "rb") as handle:
                        member = tarfile.TarInfo(f"files/{name}")
                        member.size = default_storage.size(name)
                        hashing = _Hashing(handle)
                        tar.addfile(member, hashing)
                    manifest.files[name] = hashing.digest.hexdigest()
                for name, value in _generated_keys().items():
                    _add_bytes(tar, f"keys/{name}", value.encode())
                    manifest.keys.append(name)
                _add_bytes(
                    tar,
                    "manifest.json",
                    json.dumps({"format": FORMAT, **manifest.__dict__}, indent=1).encode(),
                )
            writer.close()
            raw.flush()
            os.fsync(raw.fileno())
    partial.replace(path)
    return manifest


def _add_bytes(tar, name: str, data: bytes) -> None:
    import io

    member = tarfile.TarInfo(name)
    member.size = len(data)
    tar.addfile(member, io.BytesIO(data))


def _require_empty_instance() -> None:
    if connection.vendor == "sqlite":
        database = Path(connection.settings_dict["NAME"])
        if database.exists() and database.stat().st_size > 0:
            with sqlite3.connect(str(database)) as existing:
                tables = existing.execute(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                ).fetchone()[0]
            if tables:
                raise RestoreRefused(f"the database {database} is not empty: restore into a new instance")
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
            if cursor.fetchone()[0]:
                raise RestoreRefused("the database is not empty: restore into a new, empty database")
    if stored_names():
        raise RestoreRefused("the file storage is not empty: restore into a new instance")


def restore_backup(path: Path) -> Manifest:
    """Restore ``path`` into this (empty) instance and check every hash against the manifest."""
    _require_empty_instance()
    seen: dict[str, str] = {}
    database_sha = ""
    manifest_body = None
    with Path(path).open("rb") as raw, tempfile.TemporaryDirectory() as folder:
        reader = DecryptingReader(raw, settings.BACKUP_KEY)
        with tarfile.open(fileobj=reader, mode="r|") as tar:
            for member in tar:
                handle = tar.extractfile(member)
                if handle is None:
                    continue
                if member.name in ("database.sqlite3", "database.pgdump"):
                    staged = Path(folder) / member.name
                    with staged.open("wb") as out:
                        shutil.copyfileobj(handle, out)
                    database_sha = _sha256_file(staged)
                    _restore_database(staged)
                elif member.name.startswith("files/"):
                    name = member.name[len("files/") :]
                    hashing = _Hashing(handle)
                    saved = default_storage.save(name, File(hashing, name=name))
                    if saved != name:
                        raise RestoreRefused(f"the storage renamed {name} to {saved}")
                    seen[name] = hashing.digest.hexdigest()
                elif member.name.startswith("keys/"):
                    key_file = Path(settings.DATA_DIR) / Path(member.name).name
                    key_file.write_bytes(handle.read())
                    key_file.chmod(0o600)
                elif member.name == "manifest.json":
                    manifest_body = json.loads(handle.read())
        # tarfile stops at the end-of-archive marker; the rest (padding) must still authenticate,
        # and the last chunk must be the one sealed as last: otherwise the archive was cut short.
        while reader.read(1 << 20):
            pass
        if not reader.finished or raw.read(1):
            raise RestoreRefused("the archive is cut short or has bytes after its end")
    if manifest_body is None:
        raise RestoreRefused("the archive has no manifest: it is incomplete")
    manifest_body.pop("format", None)
    manifest = Manifest(**manifest_body)
    if database_sha != manifest.database_sha256:
        raise RestoreRefused("the database in the archive does not match its manifest")
    if seen != manifest.files:
        missing = sorted(set(manifest.files) - set(seen)) or sorted(
            n for n in seen if seen[n] != manifest.files.get(n)
        )
        raise RestoreRefused(f"files differ from the manifest: {missing[:5]}")
    return manifest


def _restore_database(staged: Path) -> None:
    params = connection.settings_dict
    if staged.name == "database.sqlite3":
        if connection.vendor != "sqlite":
            raise RestoreRefused("an SQLite backup restores into an SQLite instance")
        connection.close()
        target = Path(params["NAME"])
        for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(staged, target)
        return
    if connection.vendor != "postgresql":
        raise RestoreRefused("a PostgreSQL backup restores into a PostgreSQL instance")
    connection.close()
    subprocess.run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--dbname",
            params["NAME"],
            str(staged),
        ],
        env=_pg_env(params),
        check=True,
    )
