"""``motcua reports rebuild`` recomputes the daily, monthly and agencies' monthly figures from the
dossiers' history, and the open work (the dossiers in progress per appointment date) from the
dossiers (after an import, a restore, or a change in what counts); ``motcua reports check`` compares
them without writing."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from motcua.reports import open_work
from motcua.reports.aggregates import (
    agency_monthly_of,
    computed_from_history,
    fold,
    full_online_procedures,
    monthly_of,
    rebuild,
    stored,
    stored_agency_monthly,
    stored_monthly,
)


class Command(BaseCommand):
    help = "Tính lại số liệu báo cáo từ lịch sử hồ sơ (rebuild) hoặc đối chiếu (check)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "check"])

    def handle(self, *args, **options):
        if options["action"] == "rebuild":
            rows = rebuild()
            counted = open_work.rebuild()
            self.stdout.write(
                f"daily figures rebuilt from history: {rows} rows; open work: {counted} dossiers in progress"
            )
            return
        fold()  # the pending contributions are part of the figures kept
        expected, actual = computed_from_history(), stored()
        monthly = monthly_of(expected)
        for what, want, have in (
            ("daily", expected, actual),
            ("monthly", monthly, stored_monthly()),
            ("agency monthly", agency_monthly_of(monthly, full_online_procedures()), stored_agency_monthly()),
        ):
            differing = sorted(k for k in want.keys() | have.keys() if want.get(k) != have.get(k))
            if differing:
                raise CommandError(
                    f"{len(differing)} {what} rows differ from the history (first: {differing[0]}); "
                    "run `motcua reports rebuild`"
                )
        differing = open_work.differences()
        if differing:
            raise CommandError(
                f"the open work differs from the dossiers: {'; '.join(differing)}; run `motcua reports rebuild`"
            )
        self.stdout.write(
            f"daily, monthly and agency monthly figures match the history: {len(actual)} daily rows; "
            "the open work matches the dossiers"
        )
