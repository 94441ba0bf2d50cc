"""``motcua reports rebuild`` recomputes the daily and monthly figures from the dossiers' history (after an
import, a restore, or a change in what counts); ``motcua reports check`` compares them without
writing."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from motcua.reports.aggregates import computed_from_history, monthly_of, rebuild, stored, stored_monthly


class Command(BaseCommand):
    help = "Tính lại số liệu báo cáo từ lịch sử hồ sơ (rebuild) hoặc đối chiếu (check)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "check"])

    def handle(self, *args, **options):
        if options["action"] == "rebuild":
            rows = rebuild()
            self.stdout.write(f"daily figures rebuilt from history: {rows} rows")
            return
        expected, actual = computed_from_history(), stored()
        for what, want, have in (
            ("daily", expected, actual),
            ("monthly", monthly_of(expected), stored_monthly()),
        ):
            differing = sorted(k for k in want.keys() | have.keys() if want.get(k) != have.get(k))
            if differing:
                raise CommandError(
                    f"{len(differing)} {what} rows differ from the history (first: {differing[0]}); "
                    "run `motcua reports rebuild`"
                )
        self.stdout.write(f"daily and monthly figures match the history: {len(actual)} daily rows")
