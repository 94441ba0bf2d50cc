"""``motcua restore FILE``: a backup into an empty instance (new MOTCUA_DATA_DIR, empty database)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.core.backups.archive import RestoreRefused, restore_backup
from motcua.core.backups.crypto import BackupKeyError


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu vào một hệ thống mới, trống."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        if not settings.BACKUP_KEY:
            raise CommandError("set MOTCUA_BACKUP_KEY to the key the backup was made with")
        try:
            manifest = restore_backup(options["file"])
        except (RestoreRefused, BackupKeyError) as refused:
            raise CommandError(f"restore refused: {refused}") from None
        self.stdout.write(
            f"restored {manifest.engine} database and {len(manifest.files)} files from {manifest.created_at}; "
            "run `motcua migrate` if this release is newer than the backup"
        )
