"""``motcua bench``: the benchmarks, which ship with the source, not with the installed package.

Run from a checkout (``make bench``), the command finds them beside ``src/`` (``benchmarks/motcua_bench``,
with the test support they build their worlds with, ``testing/motcua_testing``); installed from a
wheel, it says where to get them.
"""

import importlib
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

import motcua

CHECKOUT = Path(motcua.__file__).resolve().parents[2]


def benchmarks():
    """The ``motcua_bench`` package: importable already, or found in the checkout motcua runs from."""
    try:
        return importlib.import_module("motcua_bench")
    except ImportError:
        pass
    if not (CHECKOUT / "benchmarks" / "motcua_bench").is_dir():
        raise CommandError(
            _(
                "Các bài đo đi kèm mã nguồn, không cài cùng gói motcua: chạy `make bench` "
                "trong bản sao mã nguồn (git clone) của motcua."
            )
        )
    for folder in ("testing", "benchmarks"):
        if str(CHECKOUT / folder) not in sys.path:
            sys.path.insert(0, str(CHECKOUT / folder))
    return importlib.import_module("motcua_bench")


class Command(BaseCommand):
    help = "Chạy các bài đo hiệu năng (mỗi số đo kèm mốc so sánh đo cùng lượt)."

    def add_arguments(self, parser):
        try:
            bench = benchmarks()
            names = f" trừ {', '.join(bench.ON_REQUEST)} ({', '.join(bench.SUITES)})"
        except CommandError:
            names = ""
        parser.add_argument("suites", nargs="*", help=f"mặc định: tất cả{names}")
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
        bench = benchmarks()
        unknown = [s for s in suites if s not in bench.SUITES]
        if unknown:
            raise CommandError(f"Không có bài đo {', '.join(unknown)} (có: {', '.join(bench.SUITES)})")
        report = importlib.import_module("motcua_bench.harness").Report(sys.stdout)
        for name in suites or [s for s in bench.SUITES if s not in bench.ON_REQUEST]:
            module = importlib.import_module(bench.SUITES[name])
            if name == "scale":
                kinds = ("sqlite", "postgresql") if database == "both" else (database,)
                module.run(report, dossiers=dossiers, databases=kinds, fresh=fresh)
            else:
                module.run(report)
