"""``Idempotency-Key``: a retried POST replays the first answer; the same key with another body is refused.

The key is claimed in the same database transaction as the work it guards: if
the process dies half-way, both roll back and a retry starts afresh; if two
copies race, the second waits on the unique key and then replays the first.
"""

from __future__ import annotations

import functools
import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http.request import RawPostDataException
from django.utils import timezone
from rest_framework.response import Response

from motcua.core.errors import IdempotencyMismatch, ValidationFailed
from motcua.core.models import IdempotencyRecord

HEADER = "Idempotency-Key"


def _owner(request) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return "anonymous"


def _fingerprint(request) -> str:
    digest = hashlib.sha256()
    digest.update(request.method.encode())
    digest.update(request.path.encode())
    digest.update(b"\0")
    try:
        digest.update(request.body or b"")
    except RawPostDataException:
        # A multipart body was already read as a stream (by the CSRF check of a signed-in
        # browser session): fingerprint what was parsed from it instead of the raw bytes.
        _digest_parsed(digest, request)
    return digest.hexdigest()


def _digest_parsed(digest, request) -> None:
    for name in sorted(request.POST):
        for value in request.POST.getlist(name):
            digest.update(f"{name}={value}\0".encode("utf-8", "surrogatepass"))
    for name in sorted(request.FILES):
        for upload in request.FILES.getlist(name):
            digest.update(f"{name}:{upload.name}:{upload.size}\0".encode("utf-8", "surrogatepass"))
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)


def _replay(record: IdempotencyRecord, fingerprint: str) -> Response:
    if record.fingerprint != fingerprint:
        raise IdempotencyMismatch()
    response = Response(record.body, status=record.status_code)
    response["Idempotent-Replayed"] = "true"
    return response


def idempotent(view_method):
    """Decorate a DRF view method (``post``/``create``/an ``@action``)."""

    @functools.wraps(view_method)
    def wrapper(self, request, *args, **kwargs):
        key = request.headers.get(HEADER)
        if not key:
            return view_method(self, request, *args, **kwargs)
        if len(key) > 255:
            raise ValidationFailed(fields={HEADER: ["Khóa dài tối đa 255 ký tự."]})
        owner, fingerprint = _owner(request), _fingerprint(request)
        existing = IdempotencyRecord.objects.filter(owner=owner, key=key).first()
        if existing is not None:
            return _replay(existing, fingerprint)
        try:
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(
                    owner=owner, key=key, fingerprint=fingerprint, status_code=0, body=None
                )
                response = view_method(self, request, *args, **kwargs)
                if not 200 <= response.status_code < 300:
                    # A refused request changes nothing, and its key stays free for a corrected retry.
                    transaction.set_rollback(True)
                    return response
                record.status_code, record.body = response.status_code, response.data
                record.save(update_fields=["status_code", "body"])
                return response
        except IntegrityError:
            # A concurrent copy of this request claimed the key first: answer as it did.
            existing = IdempotencyRecord.objects.filter(owner=owner, key=key).exclude(status_code=0).first()
            if existing is None:
                raise
            return _replay(existing, fingerprint)

    return wrapper


def forget_expired(now=None) -> int:
    """Drop keys older than the retention window; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(hours=settings.IDEMPOTENCY_KEY_HOURS)
    deleted, _ = IdempotencyRecord.objects.filter(created_at__lt=cutoff).delete()
    return deleted
