"""``motcua audit verify`` checks the audit log's chain and its checkpoints; ``motcua audit checkpoint``
anchors the chain's head outside the database now (the worker does it every AUDIT_CHECKPOINT_SECONDS);
``motcua audit chain`` links the entries waiting for their place in the chain (the worker does it
every AUDIT_CHAIN_SECONDS; ``--loop`` keeps doing it, for an installation without the periodic jobs)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.audit.anchoring import write_checkpoint
from motcua.audit.chain import chain_pending
from motcua.audit.verification import verify


class Command(BaseCommand):
    help = "Kiểm tra chuỗi nhật ký truy cập (verify), ghi điểm neo (checkpoint) hoặc nối chuỗi (chain)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "checkpoint", "chain"])
        parser.add_argument(
            "--loop", action="store_true", help="chain: every AUDIT_CHAIN_SECONDS, until stopped"
        )
        parser.add_argument(
            "--workers", type=int, default=None, help="verify: processes (default: one per core)"
        )

    def handle(self, *args, **options):
        if options["action"] == "checkpoint":
            written = write_checkpoint()
            self.stdout.write(f"checkpoint at entry #{written.seq}" if written else "nothing new to anchor")
            return
        if options["action"] == "chain":
            while True:
                linked = chain_pending()
                self.stdout.write(f"{linked} entries linked into the chain")
                if not options["loop"]:
                    return
                time.sleep(settings.AUDIT_CHAIN_SECONDS)
        started = time.monotonic()
        report = verify(workers=options["workers"])
        elapsed = time.monotonic() - started
        if not report.ok:
            raise CommandError(
                f"audit chain broken at entry #{report.broken_at}: {report.problem} "
                f"({report.checked} entries before it are intact)"
            )
        rate = f", {report.checked / elapsed:,.0f} entries/s" if elapsed > 0 and report.checked else ""
        waiting = f"; {report.unchained} recent entries waiting for the sequencer" if report.unchained else ""
        self.stdout.write(f"audit chain intact: {report.checked} entries in {elapsed:.1f} s{rate}{waiting}")
