"""Signed webhooks.

Each POST carries the event's JSON and three headers:
``Motcua-Event-Id`` (de-duplicate on it), ``Motcua-Timestamp`` (Unix seconds) and
``Motcua-Signature: v1=<hex>``, the HMAC-SHA256, keyed with the subscription's secret, of
``"<timestamp>.<body>"``. The receiver recomputes it over the raw body, compares in constant
time and refuses timestamps more than a few minutes old (replays).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time

import httpx
from django.conf import settings

SIGNATURE_HEADER = "Motcua-Signature"
TIMESTAMP_HEADER = "Motcua-Timestamp"
EVENT_ID_HEADER = "Motcua-Event-Id"
EVENT_TYPE_HEADER = "Motcua-Event-Type"


def signature(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "v1=" + mac.hexdigest()


def verify(secret: str, headers, body: bytes, *, tolerance: int = 300, now: float | None = None) -> bool:
    """What a receiver does (also used by our tests): True when the request is ours and fresh."""
    timestamp = headers.get(TIMESTAMP_HEADER, "")
    given = headers.get(SIGNATURE_HEADER, "")
    if not timestamp.isdigit() or abs((now or time.time()) - int(timestamp)) > tolerance:
        return False
    return hmac.compare_digest(given, signature(secret, timestamp, body))


def send(*, url: str, secret: str, payload: dict) -> None:
    """POST one event; any answer other than 2xx (or no answer) raises, and the delivery is retried."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    timestamp = str(int(time.time()))
    response = httpx.post(
        url,
        content=body,
        headers={
            "Content-Type": "application/json",
            "User-Agent": "motcua-webhooks/1",
            EVENT_ID_HEADER: payload["id"],
            EVENT_TYPE_HEADER: payload["type"],
            TIMESTAMP_HEADER: timestamp,
            SIGNATURE_HEADER: signature(secret, timestamp, body),
        },
        timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
        follow_redirects=False,
    )
    if not 200 <= response.status_code < 300:
        raise RuntimeError(f"HTTP {response.status_code}: {response.text[:200]}")
