import getpass

from django.core.management.base import BaseCommand, CommandError

from motcua.core.errors import ValidationFailed
from motcua.org.models import Agency, Role
from motcua.org.services import create_official


class Command(BaseCommand):
    help = "Tạo tài khoản cán bộ với vai trò tại cơ quan. Ví dụ: createofficial nva 'Nguyễn Văn A' --role 000.00.12.H30:receiver"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("full_name")
        parser.add_argument(
            "--role",
            action="append",
            default=[],
            metavar="AGENCY_CODE:ROLE",
            help=f"vai trò ({', '.join(Role.values)}) tại cơ quan; lặp lại được",
        )
        parser.add_argument("--title", default="")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="bỏ trống để nhập (không hiện)")
        parser.add_argument("--superuser", action="store_true", help="quản trị toàn hệ thống")

    def handle(self, *args, username, full_name, role, title, email, password, superuser, **options):
        roles = []
        for item in role:
            code, _, name = item.rpartition(":")
            agency = Agency.objects.filter(code=code).first()
            if agency is None:
                raise CommandError(f"Không có cơ quan mã {code!r}.")
            roles.append((agency, name))
        if not roles and not superuser:
            raise CommandError("Cần ít nhất một --role AGENCY_CODE:ROLE (hoặc --superuser).")
        if password is None:
            password = getpass.getpass("Mật khẩu: ")
        try:
            official = create_official(
                username=username,
                full_name=full_name,
                password=password,
                roles=roles,
                title=title,
                email=email,
                is_superuser=superuser,
            )
        except ValidationFailed as exc:
            raise CommandError(
                "; ".join(f"{k}: {' '.join(map(str, v))}" for k, v in exc.fields.items())
            ) from None
        self.stdout.write(self.style.SUCCESS(f"Đã tạo cán bộ {official} ({username})."))
