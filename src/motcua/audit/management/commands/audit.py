"""``motcua audit verify``: check the audit log's hash chain from its first entry."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from motcua.audit.services import verify


class Command(BaseCommand):
    help = "Kiểm tra chuỗi băm của nhật ký truy cập (audit log hash chain)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **options):
        report = verify()
        if not report.ok:
            raise CommandError(
                f"audit chain broken at entry #{report.broken_at}: {report.problem} "
                f"({report.checked} entries before it are intact)"
            )
        self.stdout.write(f"audit chain intact: {report.checked} entries")
