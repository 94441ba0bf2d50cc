"""A page form's key: the first outcome of a form, given again to its repeats.

A form that creates something renders a fresh random key in a hidden field.
Every POST of that form carries the same key, however often it arrives (a
double click, a reload, a retry over a flaky network), and gets the outcome of
the first one. The key is claimed in the same transaction as the work, so a
crash rolls both back; a concurrent copy waits on the unique key and then reads
the outcome. Records are the API's ``IdempotencyRecord`` rows (kept as long).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.db import IntegrityError, transaction

from motcua.core.models import IdempotencyRecord

PAGE_FINGERPRINT = "page-form"


def new_form_key() -> str:
    return uuid.uuid4().hex


def valid_form_key(key: str | None) -> bool:
    try:
        return bool(key) and uuid.UUID(str(key)).hex == str(key).replace("-", "").lower()
    except ValueError:
        return False


def once(*, owner: str, key: str, work: Callable[[], dict]) -> tuple[dict, bool]:
    """``(outcome, repeated)``: run ``work`` the first time ``key`` is seen for ``owner``, else replay.

    ``work`` returns a small JSON-able dict (for example the id of what it created).
    """
    scoped = f"form:{key}"
    found = IdempotencyRecord.objects.filter(owner=owner, key=scoped).exclude(status_code=0).first()
    if found is not None:
        return found.body, True
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(
                owner=owner, key=scoped, fingerprint=PAGE_FINGERPRINT, status_code=0, body=None
            )
            outcome = work()
            record.status_code, record.body = 200, outcome
            record.save(update_fields=["status_code", "body"])
            return outcome, False
    except IntegrityError:
        found = IdempotencyRecord.objects.filter(owner=owner, key=scoped).exclude(status_code=0).first()
        if found is None:
            raise
        return found.body, True


def owner_of(user) -> str:
    return f"user:{user.pk}"
