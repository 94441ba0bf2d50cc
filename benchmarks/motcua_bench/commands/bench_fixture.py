"""Data for the dossier benchmark in a fresh database; prints what the load generator needs as JSON."""

import json

from django.core.management.base import BaseCommand

from motcua.accounts.tokens import issue_token
from motcua_testing.factories import BIRTH_DATA
from motcua_testing.world import build_world


class Command(BaseCommand):
    help = "(benchmarks) tạo dữ liệu cho bài đo hồ sơ"

    def handle(self, *args, **options):
        world = build_world()
        token, _expiry = issue_token(world.citizen)
        self.stdout.write(
            json.dumps({"procedure": world.procedure.code, "form_data": BIRTH_DATA, "token": token})
        )
