from celery import shared_task

from motcua.core import idempotency


@shared_task(name="motcua.core.forget_expired_keys")
def forget_expired_keys() -> int:
    """Idempotency keys past their retention window are deleted (the table would grow forever)."""
    return idempotency.forget_expired()
