import importlib
import sys

from django.core.management.base import BaseCommand, CommandError

from motcua.benchmarks import ON_REQUEST, SUITES
from motcua.benchmarks.harness import Report


class Command(BaseCommand):
    help = "Chạy các bài đo hiệu năng (mỗi số đo kèm mốc so sánh đo cùng lượt)."

    def add_arguments(self, parser):
        parser.add_argument(
            "suites", nargs="*", help=f"mặc định: tất cả trừ {', '.join(ON_REQUEST)} ({', '.join(SUITES)})"
        )
        parser.add_argument(
            "--dossiers", type=int, default=100_000, help="scale: số hồ sơ (mặc định 100.000)"
        )
        parser.add_argument(
            "--database",
            choices=["sqlite", "postgresql", "both"],
            default="both",
            help="scale: cơ sở dữ liệu đo (mặc định cả hai)",
        )
        parser.add_argument("--fresh", action="store_true", help="scale: tạo lại dữ liệu từ đầu")

    def handle(self, *args, suites, dossiers, database, fresh, **options):
        unknown = [s for s in suites if s not in SUITES]
        if unknown:
            raise CommandError(f"Không có bài đo {', '.join(unknown)} (có: {', '.join(SUITES)})")
        report = Report(sys.stdout)
        for name in suites or [s for s in SUITES if s not in ON_REQUEST]:
            module = importlib.import_module(SUITES[name])
            if name == "scale":
                kinds = ("sqlite", "postgresql") if database == "both" else (database,)
                module.run(report, dossiers=dossiers, databases=kinds, fresh=fresh)
            else:
                module.run(report)
