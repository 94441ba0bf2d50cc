"""Idempotency: a repeated request gets the first outcome, whichever door it came through.

Two doors share one table (``IdempotencyRecord``) and one claim:

- page forms (``once``): a form that creates something renders a fresh random key in a hidden
  field; every POST of that form carries it, however often it arrives (a double click, a reload,
  a retry over a flaky network), and gets the outcome of the first one;
- the REST API (``idempotent``): a POST with an ``Idempotency-Key`` header replays the first
  answer; the same key with another body is refused (``idempotency_key_reused``).

The key is claimed in the same database transaction as the work it guards: if the process dies
half-way, both roll back and a retry starts afresh; if two copies race, the second waits on the
unique key and then replays the first. A refused attempt changes nothing and leaves its key free
for the corrected one. Keys are kept ``MOTCUA_IDEMPOTENCY_KEY_HOURS`` (at least 24) and then
deleted by the periodic job ``motcua.core.forget_expired_keys``.
"""

from __future__ import annotations

import functools
import hashlib
import uuid
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http.request import RawPostDataException
from django.utils import timezone

from motcua.core.errors import IdempotencyMismatch, ValidationFailed
from motcua.core.models import IdempotencyRecord

HEADER = "Idempotency-Key"
PAGE_FINGERPRINT = "page-form"
PENDING = 0  # status of a claimed key whose work has not committed


class _Refused(Exception):
    """Raised inside the claim to roll the key back with the work, carrying the answer out."""

    def __init__(self, answer):
        self.answer = answer


def _claim(*, owner: str, key: str, fingerprint: str, work: Callable[[], tuple[int, object, object]]):
    """``(stored, answer)``: run ``work`` once for ``(owner, key)``, else the first record.

    ``work`` returns ``(status_code, body, answer)``; a status outside 2xx is not kept (the key is
    rolled back with the work). On a repeat, ``answer`` is ``None`` and ``stored`` the first record.
    """
    found = IdempotencyRecord.objects.filter(owner=owner, key=key).exclude(status_code=PENDING).first()
    if found is not None:
        return found, None
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(
                owner=owner, key=key, fingerprint=fingerprint, status_code=PENDING, body=None
            )
            status_code, body, answer = work()
            if not 200 <= status_code < 300:
                raise _Refused(answer)
            record.status_code, record.body = status_code, body
            record.save(update_fields=["status_code", "body"])
            return None, answer
    except _Refused as refused:
        return None, refused.answer
    except IntegrityError:
        # A concurrent copy claimed the key first: answer as it did.
        found = IdempotencyRecord.objects.filter(owner=owner, key=key).exclude(status_code=PENDING).first()
        if found is None:
            raise
        return found, None


# Page forms ------------------------------------------------------------------------------------


def new_form_key() -> str:
    return uuid.uuid4().hex


def valid_form_key(key: str | None) -> bool:
    try:
        return bool(key) and uuid.UUID(str(key)).hex == str(key).replace("-", "").lower()
    except ValueError:
        return False


def owner_of(user) -> str:
    return f"user:{user.pk}"


def once(*, owner: str, key: str, work: Callable[[], dict]) -> tuple[dict, bool]:
    """``(outcome, repeated)``: run ``work`` the first time ``key`` is seen for ``owner``, else replay.

    ``work`` returns a small JSON-able dict (for example the id of what it created); an exception
    from it rolls the key back with the work.
    """

    def claimed():
        outcome = work()
        return 200, outcome, outcome

    stored, outcome = _claim(owner=owner, key=f"form:{key}", fingerprint=PAGE_FINGERPRINT, work=claimed)
    if stored is not None:
        return stored.body, True
    return outcome, False


# The REST API ----------------------------------------------------------------------------------


def _api_owner(request) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return owner_of(user)
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


def _replay(record: IdempotencyRecord, fingerprint: str):
    from rest_framework.response import Response

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
        owner, fingerprint = _api_owner(request), _fingerprint(request)
        existing = IdempotencyRecord.objects.filter(owner=owner, key=key).first()
        if existing is not None:
            return _replay(existing, fingerprint)

        def work():
            response = view_method(self, request, *args, **kwargs)
            return response.status_code, getattr(response, "data", None), response

        stored, response = _claim(owner=owner, key=key, fingerprint=fingerprint, work=work)
        return _replay(stored, fingerprint) if stored is not None else response

    return wrapper


# Retention -------------------------------------------------------------------------------------


def forget_expired(now=None) -> int:
    """Delete keys older than the retention window; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(hours=settings.IDEMPOTENCY_KEY_HOURS)
    deleted, _ = IdempotencyRecord.objects.filter(created_at__lt=cutoff).delete()
    return deleted
