"""Background jobs of payments (thin: each calls a service)."""

from celery import shared_task

from motcua.payments import services
from motcua.payments.models import Refund


@shared_task(name="motcua.payments.expire_unpaid")
def expire_unpaid() -> int:
    return services.expire_unpaid()


@shared_task(name="motcua.payments.reconcile_pending")
def reconcile_pending() -> int:
    return services.reconcile_pending()


@shared_task(name="motcua.payments.send_refunds")
def send_refunds() -> int:
    return services.send_refunds()


@shared_task(name="motcua.payments.send_refund")
def send_refund(refund_id: int) -> bool:
    refund = Refund.objects.select_related("payment").filter(pk=refund_id).first()
    return services.send_refund(refund) if refund else False
