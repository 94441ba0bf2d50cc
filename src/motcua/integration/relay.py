"""The relay: claims waiting outbox rows, publishes them, fans them out, marks them relayed.

All of one batch happens in one transaction. On PostgreSQL the rows are claimed with
``SELECT … FOR UPDATE SKIP LOCKED``, so any number of relays share the work; on SQLite the
transaction takes the database's write lock (IMMEDIATE), so relays take turns. A relay that
dies in the middle of a batch commits nothing: the rows are still waiting and are published
again, with the same event ids (at-least-once; consumers de-duplicate on ``id``). If the AMQP
broker is unreachable the batch is rolled back and waits in the database, however long.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from motcua.integration import amqp, national_portal, notifications
from motcua.integration.models import Delivery, OutboxEvent, WebhookSubscription
from motcua.integration.payloads import RELATED, event_payload

logger = logging.getLogger(__name__)


def _deliveries_for(row: OutboxEvent, subscriptions: list[WebhookSubscription]) -> list[Delivery]:
    event = row.event
    found = [
        Delivery(
            outbox=row,
            channel=Delivery.Channel.WEBHOOK,
            target=f"webhook:{s.pk}",
            subscription=s,
            recipient=s.url,
        )
        for s in subscriptions
        if s.wants(event.kind)
    ]
    if national_portal.synchronised(event):
        found.append(Delivery(outbox=row, channel=Delivery.Channel.NATIONAL_PORTAL, target="national_portal"))
    for recipient in notifications.recipients(event):
        found.append(
            Delivery(
                outbox=row,
                channel=recipient.channel,
                target=f"{recipient.channel}:{recipient.user_id}",
                recipient=recipient.address,
                language=recipient.language,
            )
        )
    return found


def relay_batch(*, limit: int | None = None) -> int:
    """Relay up to ``limit`` waiting events; returns how many were relayed (0: nothing waits)."""
    limit = limit or settings.RELAY_BATCH_SIZE
    with transaction.atomic():
        rows = list(
            OutboxEvent.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(relayed_at__isnull=True)
            .select_related(*RELATED, "event__dossier__applicant__contact_preference")
            .order_by("id")[:limit]
        )
        if not rows:
            return 0
        publisher = amqp.publisher()
        if publisher is not None:
            publisher.publish([event_payload(row.event) for row in rows])
        subscriptions = list(WebhookSubscription.objects.filter(is_active=True))
        deliveries = [d for row in rows for d in _deliveries_for(row, subscriptions)]
        if deliveries:
            Delivery.objects.bulk_create(deliveries, ignore_conflicts=True)
        OutboxEvent.objects.filter(pk__in=[row.pk for row in rows]).update(relayed_at=timezone.now())
    return len(rows)


def relay_waiting(*, seconds: float = 50.0) -> int:
    """Relay batches until nothing waits or ``seconds`` have passed (a periodic job's share)."""
    deadline = time.monotonic() + seconds
    total = 0
    while time.monotonic() < deadline:
        relayed = relay_batch()
        total += relayed
        if relayed == 0:
            break
    return total


def waiting() -> int:
    return OutboxEvent.objects.filter(relayed_at__isnull=True).count()
