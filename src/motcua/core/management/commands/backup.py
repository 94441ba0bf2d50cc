"""``motcua backup FILE``: the database and every stored file in one archive encrypted with MOTCUA_BACKUP_KEY."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.core.backups.archive import create_backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp vào một tệp mã hóa (MOTCUA_BACKUP_KEY)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        if not settings.BACKUP_KEY:
            raise CommandError("set MOTCUA_BACKUP_KEY (keep it apart from the backups)")
        manifest = create_backup(options["file"])
        self.stdout.write(
            f"backup written to {options['file']}: {manifest.engine} database, {len(manifest.files)} files"
        )
