from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from motcua.catalogue.importers import import_path
from motcua.catalogue.services import ImportRejected


class Command(BaseCommand):
    help = (
        "Nhập danh mục thủ tục từ tệp JSON, CSV hoặc thư mục danh mục quốc gia (idempotent, all-or-nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="tệp .json / .csv, hoặc thư mục chứa procedures.csv và sheets/")

    def handle(self, *args, path, **options):
        try:
            report = import_path(path)
        except ImportRejected as exc:
            for problem in exc.problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(f"{len(exc.problems)} dòng lỗi; không nhập gì.") from None
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nhập {report.total} thủ tục: {report.created} mới, {report.updated} cập nhật."
            )
        )
        if report.warnings:
            kinds = Counter(str(w.message).split(":")[0] for w in report.warnings)
            self.stdout.write(f"{len(report.warnings)} cảnh báo (phần không đọc được):")
            for kind, count in kinds.most_common(15):
                self.stdout.write(f"  {count:6d}  {kind}")
