from celery import shared_task

from motcua.audit import anchoring
from motcua.audit.chain import chain_pending


@shared_task(name="motcua.audit.checkpoint")
def checkpoint() -> int | None:
    written = anchoring.write_checkpoint()
    return written.seq if written else None


@shared_task(name="motcua.audit.chain")
def chain() -> int:
    """The sequencer: link the entries written since the last run into the chain (audit/chain.py)."""
    return chain_pending()
