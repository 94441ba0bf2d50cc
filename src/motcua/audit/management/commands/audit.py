"""``motcua audit verify`` checks the audit log's chain and its checkpoints; ``motcua audit checkpoint``
anchors the chain's head outside the database now (the worker does it every AUDIT_CHECKPOINT_SECONDS)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from motcua.audit.anchoring import write_checkpoint
from motcua.audit.services import verify


class Command(BaseCommand):
    help = "Kiểm tra chuỗi nhật ký truy cập (verify) hoặc ghi điểm neo (checkpoint)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "checkpoint"])

    def handle(self, *args, **options):
        if options["action"] == "checkpoint":
            written = write_checkpoint()
            self.stdout.write(f"checkpoint at entry #{written.seq}" if written else "nothing new to anchor")
            return
        report = verify()
        if not report.ok:
            raise CommandError(
                f"audit chain broken at entry #{report.broken_at}: {report.problem} "
                f"({report.checked} entries before it are intact)"
            )
        self.stdout.write(f"audit chain intact: {report.checked} entries")
