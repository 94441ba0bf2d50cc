"""Content-addressed storage through Django's storage API (local files, or S3-compatible at scale)."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.core.file_storage import PARTIAL_PREFIX
from motcua.documents.models import StoredFile
from motcua.documents.validation import FileKind


def storage_name(sha256: str) -> str:
    """A generated name that says nothing about the file but its digest."""
    return f"documents/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def digest(upload) -> tuple[str, int]:
    """SHA-256 and size of an uploaded file, read in chunks (uploads may be large)."""
    hasher = hashlib.sha256()
    size = 0
    upload.seek(0)
    for chunk in upload.chunks():
        hasher.update(chunk)
        size += len(chunk)
    upload.seek(0)
    return hasher.hexdigest(), size


def store(upload, *, kind: FileKind, by=None) -> StoredFile:
    """The stored file for this content, writing the bytes only the first time they are seen.

    The bytes are written before the row: a row never points at missing bytes,
    and bytes left without a row (a transaction rolled back) are reused by the
    next upload of the same content.
    """
    sha256, size = digest(upload)
    existing = StoredFile.objects.filter(sha256=sha256).first()
    if existing is not None and default_storage.exists(existing.name):
        return existing
    name = storage_name(sha256)
    if default_storage.exists(name) and default_storage.size(name) != size:
        default_storage.delete(name)  # a copy cut short by a crash before writes were atomic
    if not default_storage.exists(name):
        saved = default_storage.save(name, upload)
        if saved != name:  # a concurrent upload wrote the same bytes first; keep one copy
            default_storage.delete(saved)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return StoredFile.objects.create(sha256=sha256, size=size, kind=kind, name=name, created_by=by)
    except IntegrityError:
        return StoredFile.objects.get(sha256=sha256)


def open_stored(stored: StoredFile):
    return default_storage.open(stored.name, "rb")


def sweep_orphans(*, older_than: timedelta = timedelta(hours=1)) -> int:
    """Delete stored bytes no row points at (an upload whose transaction rolled back or whose
    process was killed) and ``.partial-*`` files of interrupted writes, once they are older
    than ``older_than`` (a younger one may belong to a transaction still running)."""

    cutoff = timezone.now() - older_than
    removed = 0
    for name in _files_under("documents"):
        if default_storage.get_modified_time(name) > cutoff:
            continue
        base = name.rsplit("/", 1)[-1]
        if base.startswith(PARTIAL_PREFIX) or not StoredFile.objects.filter(name=name).exists():
            default_storage.delete(name)
            removed += 1
    return removed


def _files_under(folder: str):
    try:
        folders, names = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in names:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _files_under(f"{folder}/{sub}")
