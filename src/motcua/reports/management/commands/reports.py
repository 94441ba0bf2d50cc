"""``motcua reports rebuild`` recomputes the daily figures from the dossiers' history (after an
import, a restore, or a change in what counts); ``motcua reports check`` compares them without
writing."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from motcua.reports.aggregates import computed_from_history, rebuild, stored


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
        differing = sorted(k for k in expected.keys() | actual.keys() if expected.get(k) != actual.get(k))
        if differing:
            raise CommandError(
                f"{len(differing)} daily rows differ from the history (first: {differing[0]}); "
                "run `motcua reports rebuild`"
            )
        self.stdout.write(f"daily figures match the history: {len(actual)} rows")
