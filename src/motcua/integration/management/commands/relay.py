"""``motcua relay``: publish the outbox and send deliveries in a loop (lowest latency).

The periodic job ``motcua.integration.relay`` does the same every few seconds inside the
workers; this loop is for installations that want events out within a fraction of a second.
On PostgreSQL any number may run; on SQLite run one.
"""

import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from motcua.integration.deliveries import deliver_due
from motcua.integration.relay import relay_batch

logger = logging.getLogger("motcua.relay")


class Command(BaseCommand):
    help = "Publish waiting outbox events and send due deliveries, in a loop."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="relay what waits now, then stop")
        parser.add_argument("--poll", type=float, default=0.1, help="seconds to sleep when nothing waits")
        parser.add_argument(
            "--batch", type=int, default=None, help="events per batch (MOTCUA_RELAY_BATCH_SIZE)"
        )

    def handle(self, *args, once=False, poll=0.1, batch=None, **options):
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        self.stdout.write("motcua relay: publishing the outbox", ending="\n")
        self.stdout.flush()
        while not stopping:
            try:
                relayed = relay_batch(limit=batch)
                tried = deliver_due()
            except Exception as error:  # broker or database unreachable: wait, the rows stay in the outbox
                logger.warning("relay: %s: %s", type(error).__name__, error)
                close_old_connections()
                relayed = tried = 0
                if once:
                    raise
                time.sleep(min(5.0, max(poll, 1.0)))
                continue
            if relayed:
                self.stdout.write(f"relayed {relayed}")
                self.stdout.flush()
            if once and not relayed and not tried:
                break
            if not relayed and not tried:
                time.sleep(poll)
