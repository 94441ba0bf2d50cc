from celery import shared_task

from motcua.audit import anchoring


@shared_task(name="motcua.audit.checkpoint")
def checkpoint() -> int | None:
    written = anchoring.write_checkpoint()
    return written.seq if written else None
