"""Background jobs of the integration app (thin: each calls a service)."""

from celery import shared_task

from motcua.integration import deadlines, deliveries
from motcua.integration import relay as outbox_relay


@shared_task(name="motcua.integration.relay")
def relay() -> int:
    """Publish what waits in the outbox, then try the deliveries that are due."""
    relayed = outbox_relay.relay_waiting()
    deliveries.deliver_due()
    return relayed


@shared_task(name="motcua.integration.deliver")
def deliver() -> int:
    return deliveries.deliver_due(limit=500)


@shared_task(name="motcua.integration.deadline_warnings")
def deadline_warnings() -> int:
    return deadlines.warn_due_soon()


@shared_task(name="motcua.integration.mark_overdue")
def mark_overdue() -> int:
    return deadlines.mark_overdue()
