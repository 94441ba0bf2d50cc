"""Keys derived from ``settings.AUDIT_KEY``, one per purpose, so a MAC made for one use never
verifies in another (a checkpoint signature is not an entry hash)."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings


def derived_key(purpose: bytes) -> bytes:
    return hmac.new(settings.AUDIT_KEY.encode(), purpose, hashlib.sha256).digest()


def mac(purpose: bytes, payload: bytes) -> str:
    return hmac.new(derived_key(purpose), payload, hashlib.sha256).hexdigest()
