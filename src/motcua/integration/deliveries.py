"""Sending deliveries (webhooks, national portal, e-mail, SMS) with exponential back-off.

A delivery is claimed by moving its next attempt past a lease and counting the attempt, in a
short transaction (``SKIP LOCKED`` on PostgreSQL); the call itself happens outside any
transaction. A process killed during the call leaves the delivery pending: it is tried again
when the lease ends. After MOTCUA_DELIVERY_MAX_ATTEMPTS failures it is dead: listed in the
admin (Gửi đi), where "Gửi lại" puts it back in the queue.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from motcua.integration import national_portal, notifications, webhooks
from motcua.integration.models import Delivery
from motcua.integration.payloads import RELATED, event_payload

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
MAX_DELAY = timedelta(hours=6)


def retry_delay(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, 4 min, … (MOTCUA_DELIVERY_RETRY_SECONDS doubling), at most 6 hours."""
    seconds = settings.DELIVERY_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return min(timedelta(seconds=seconds), MAX_DELAY)


def _send(delivery: Delivery) -> None:
    event = delivery.outbox.event
    if delivery.channel == Delivery.Channel.WEBHOOK:
        subscription = delivery.subscription
        webhooks.send(url=subscription.url, secret=subscription.secret, payload=event_payload(event))
    elif delivery.channel == Delivery.Channel.NATIONAL_PORTAL:
        national_portal.send(national_portal.payload(event))
    elif delivery.channel == Delivery.Channel.EMAIL:
        notifications.send_email(event=event, address=delivery.recipient, language=delivery.language)
    elif delivery.channel == Delivery.Channel.SMS:
        notifications.send_sms(event=event, phone=delivery.recipient, language=delivery.language)
    else:  # pragma: no cover - a channel added without its sender
        raise ValueError(f"unknown channel {delivery.channel}")


def _claim(limit: int, now: datetime) -> list[int]:
    with transaction.atomic():
        ids = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(state=Delivery.State.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "id")
            .values_list("id", flat=True)[:limit]
        )
        if ids:
            Delivery.objects.filter(pk__in=ids).update(
                attempts=F("attempts") + 1, next_attempt_at=now + LEASE
            )
    return ids


def deliver_due(*, limit: int = 100, now: datetime | None = None) -> int:
    """Try every delivery that is due (up to ``limit``); returns how many were tried."""
    now = now or timezone.now()
    ids = _claim(limit, now)
    related = [f"outbox__{path}" for path in RELATED]
    for delivery in Delivery.objects.filter(pk__in=ids).select_related("subscription", *related):
        try:
            _send(delivery)
        except Exception as error:  # any failure of the other side: retried later, never dropped
            _failed(delivery, error)
        else:
            Delivery.objects.filter(pk=delivery.pk).update(
                state=Delivery.State.DELIVERED, delivered_at=timezone.now(), last_error=""
            )
    return len(ids)


def _failed(delivery: Delivery, error: Exception) -> None:
    message = f"{type(error).__name__}: {error}"[:2000]
    if delivery.attempts >= settings.DELIVERY_MAX_ATTEMPTS:
        logger.warning("delivery %s dead after %s attempts: %s", delivery, delivery.attempts, message)
        Delivery.objects.filter(pk=delivery.pk).update(state=Delivery.State.DEAD, last_error=message)
    else:
        Delivery.objects.filter(pk=delivery.pk).update(
            next_attempt_at=timezone.now() + retry_delay(delivery.attempts), last_error=message
        )
