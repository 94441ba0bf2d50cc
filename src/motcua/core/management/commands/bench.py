import importlib
import sys

from django.core.management.base import BaseCommand, CommandError

from motcua.benchmarks import SUITES
from motcua.benchmarks.harness import Report


class Command(BaseCommand):
    help = "Chạy các bài đo hiệu năng (mỗi số đo kèm mốc so sánh đo cùng lượt)."

    def add_arguments(self, parser):
        parser.add_argument("suites", nargs="*", help=f"mặc định: tất cả ({', '.join(SUITES)})")

    def handle(self, *args, suites, **options):
        unknown = [s for s in suites if s not in SUITES]
        if unknown:
            raise CommandError(f"Không có bài đo {', '.join(unknown)} (có: {', '.join(SUITES)})")
        report = Report(sys.stdout)
        for name in suites or SUITES:
            importlib.import_module(SUITES[name]).run(report)
