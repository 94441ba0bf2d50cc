"""Data for the portal benchmark in a fresh database; prints what the load generator needs as JSON."""

import json

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand

from motcua.dossiers import services
from motcua.paperwork.services import issue_lookup_token
from motcua_testing.factories import BIRTH_DATA, DocumentFactory
from motcua_testing.world import build_world


class Command(BaseCommand):
    help = "(benchmarks) tạo dữ liệu cho bài đo cổng dịch vụ công"

    def add_arguments(self, parser):
        parser.add_argument("--dossiers", type=int, default=300)

    def handle(self, *args, dossiers, **options):
        world = build_world()
        component = DocumentFactory(procedure=world.procedure, name="Tờ khai đăng ký khai sinh")
        received = [
            services.receive_at_counter(
                official=world.receiver,
                agency=world.justice,
                applicant=world.citizen,
                procedure=world.procedure,
                form_data=dict(BIRTH_DATA),
                documents_received=[component.pk],
            )
            for _ in range(dossiers)
        ]
        tokens = [issue_lookup_token(dossier=d) for d in received]
        session = SessionStore()
        user = world.receiver.user
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        self.stdout.write(
            json.dumps(
                {"codes": [d.code for d in received], "tokens": tokens, "session": session.session_key}
            )
        )
