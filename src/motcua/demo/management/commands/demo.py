import time

from django.core.management.base import BaseCommand

from motcua.demo.builder import build_demo, demo_loaded
from motcua.demo.organisation import ADMIN_USERNAME, DEMO_PASSWORD
from motcua.integration.services import settle_backlog


class Command(BaseCommand):
    help = "Tạo tỉnh mẫu (một lần): cơ quan, cán bộ, danh mục thủ tục, 1.000 hồ sơ ở mọi trạng thái."

    def add_arguments(self, parser):
        parser.add_argument("--dossiers", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=20251123)

    def handle(self, *args, dossiers, seed, **options):
        if demo_loaded():
            self.stdout.write("Dữ liệu mẫu đã có; bỏ qua.")
            return
        started = time.monotonic()
        summary = build_demo(dossiers=dossiers, seed=seed)
        settle_backlog()  # the demo's made-up past is not announced to subscribers and inboxes
        self.stdout.write(
            self.style.SUCCESS(
                f"Tỉnh mẫu: {summary.agencies} cơ quan, {summary.officials} cán bộ, {summary.procedures} thủ tục, "
                f"{summary.applicants} người nộp, {sum(summary.dossiers.values())} hồ sơ "
                f"({time.monotonic() - started:.0f} giây)."
            )
        )
        self.stdout.write(f"Đăng nhập quản trị: {ADMIN_USERNAME} / {DEMO_PASSWORD} tại /admin/")
        self.stdout.write(
            f"Cán bộ mẫu (mật khẩu {DEMO_PASSWORD}): so-tu-phap.tiepnhan, so-tu-phap.chuyenvien1, so-tu-phap.lanhdao"
        )
