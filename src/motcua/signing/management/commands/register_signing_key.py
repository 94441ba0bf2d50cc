import getpass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from motcua.core.errors import ValidationFailed
from motcua.org.models import Agency, Official
from motcua.signing.services import register_pkcs11_key, register_pkcs12_key


class Command(BaseCommand):
    help = (
        "Đăng ký khóa ký số cho cán bộ (--official USER) hoặc con dấu cơ quan (--agency CODE): "
        "tệp PKCS#12 (--pkcs12 FILE) hoặc khóa trên thiết bị PKCS#11 (--token LABEL --key LABEL --certificate PEM)."
    )

    def add_arguments(self, parser):
        holder = parser.add_mutually_exclusive_group(required=True)
        holder.add_argument("--official", help="tên đăng nhập của cán bộ")
        holder.add_argument("--agency", help="mã định danh của cơ quan (con dấu)")
        parser.add_argument("--pkcs12", help="tệp .p12/.pfx")
        parser.add_argument("--token", help="nhãn token PKCS#11")
        parser.add_argument("--key", help="nhãn khóa trên token")
        parser.add_argument("--certificate", help="chứng thư số PEM của khóa trên token")
        parser.add_argument(
            "--unattended",
            action="store_true",
            help="lưu mã PIN (đã mã hóa) để đóng dấu tự động sau chữ ký lãnh đạo",
        )

    def handle(self, *args, official, agency, pkcs12, token, key, certificate, unattended, **options):
        holder = {}
        if official:
            found = Official.objects.filter(user__username=official).first()
            if found is None:
                raise CommandError(f"Không có cán bộ {official!r}.")
            holder["official"] = found
        else:
            found = Agency.objects.filter(code=agency).first()
            if found is None:
                raise CommandError(f"Không có cơ quan mã {agency!r}.")
            holder["agency"] = found
        try:
            if pkcs12:
                pin = getpass.getpass("Mã PIN của tệp PKCS#12: ")
                registered = register_pkcs12_key(
                    data=Path(pkcs12).read_bytes(), pin=pin, unattended=unattended, **holder
                )
            elif token and key and certificate:
                registered = register_pkcs11_key(
                    token_label=token, key_label=key, certificate_pem=Path(certificate).read_text(), **holder
                )
            else:
                raise CommandError("Cần --pkcs12 FILE, hoặc --token, --key và --certificate.")
        except ValidationFailed as exc:
            raise CommandError(str(exc.message) + " " + str(exc.fields)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã đăng ký khóa: {registered.subject} (hiệu lực đến {registered.not_after:%d/%m/%Y})."
            )
        )
