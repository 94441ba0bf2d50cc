"""Content-addressed storage through Django's storage API (local files, or S3-compatible at scale)."""

from __future__ import annotations

import hashlib

from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

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
