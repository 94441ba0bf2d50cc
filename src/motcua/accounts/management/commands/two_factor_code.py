"""``motcua manage two_factor_code USER``: the code USER's authenticator app shows now (the one
enrolled, or the one being enrolled), so the demo's officials can sign in without a phone.

Only with ``MOTCUA_OIDC_SANDBOX=1`` (the demo's sandbox providers, on in ``make run``): on a real
installation the factor is the official's phone and nothing else.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.accounts.models import User
from motcua.accounts.two_factor import current_code, enrol_for_demo


class Command(BaseCommand):
    help = (
        "In mã xác thực hai yếu tố hiện tại của một tài khoản (chỉ ở chế độ thử nghiệm / demo sandbox only)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--enrol",
            action="store_true",
            help="Ghi danh luôn ứng dụng xác thực nếu chưa có (để lấy mã API) / enrol the app if not yet enrolled.",
        )

    def handle(self, *args, username: str, enrol: bool = False, **options):
        if not getattr(settings, "OIDC_SANDBOX", False):
            raise CommandError(
                "Chỉ dùng được khi MOTCUA_OIDC_SANDBOX=1 (demo). / Only with MOTCUA_OIDC_SANDBOX=1 (the demo)."
            )
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản {username}. / No account {username}.")
        if enrol:
            enrol_for_demo(user)
        self.stdout.write(current_code(user))
