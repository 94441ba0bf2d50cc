"""Background jobs of payments (thin: each calls a service)."""

from celery import shared_task

from motcua.payments import services
from motcua.payments.services import send_refund_job as send_refund

__all__ = ["expire_unpaid", "reconcile_pending", "send_refund", "send_refunds"]


@shared_task(name="motcua.payments.expire_unpaid")
def expire_unpaid() -> int:
    return services.expire_unpaid()


@shared_task(name="motcua.payments.reconcile_pending")
def reconcile_pending() -> int:
    return services.reconcile_pending()


@shared_task(name="motcua.payments.send_refunds")
def send_refunds() -> int:
    return services.send_refunds()
