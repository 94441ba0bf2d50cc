"""``import_catalogue PATH``: import a catalogue file or the national catalogue folder, then say what happened.

The command line ``motcua import-catalogue FILE`` is meant to call this; it
prints the summary an operator needs (procedures, full sheets, warnings by
kind) and, with ``-v 2``, every warning so the data can be fixed at its source.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from motcua.catalogue.importers import import_path, summarize
from motcua.catalogue.services import ImportRejected


class Command(BaseCommand):
    help = (
        "Nhập danh mục thủ tục: tệp .json, .csv, hoặc thư mục danh mục quốc gia (procedures.csv + sheets/)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="tệp .json/.csv hoặc thư mục chứa procedures.csv và sheets/")

    def handle(self, *args, path: str, verbosity: int = 1, **options):
        try:
            report = import_path(path)
        except ImportRejected as rejected:
            lines = "\n".join(f"  {problem}" for problem in rejected.problems)
            raise CommandError(f"Chưa nhập gì: {len(rejected.problems)} lỗi\n{lines}") from None
        except (ValueError, FileNotFoundError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(summarize(report))
        if verbosity >= 2:
            for warning in report.warnings:
                self.stdout.write(f"  [{getattr(warning, 'kind', '-')}] {warning}")
