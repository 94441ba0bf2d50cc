"""For the workspace benchmark, in a database holding the demo province: the processor with the
longest to-do queue, a signed-in session for them, and their reach (agencies with the role)."""

import json

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand
from django.db.models import Count

from motcua.org.models import Official, Role
from motcua.org.selectors import agency_ids_for
from motcua.workspace.models import Task
from motcua.workspace.selectors import queue


class Command(BaseCommand):
    help = "(benchmarks) chọn chuyên viên có nhiều hồ sơ cần xử lý nhất trong dữ liệu mẫu"

    def handle(self, *args, **options):
        busiest = (
            Task.objects.filter(finished_at__isnull=True, role=Role.PROCESSOR)
            .values("agency_id")
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
        official = (
            Official.objects.filter(roles__agency_id=busiest["agency_id"], roles__role=Role.PROCESSOR)
            .select_related("user")
            .order_by("user__username")
            .first()
        )
        user = official.user
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        self.stdout.write(
            json.dumps(
                {
                    "username": user.username,
                    "session": session.session_key,
                    "agencies": sorted(agency_ids_for(official, [Role.PROCESSOR])),
                    "queue": queue(user, "can-xu-ly").count(),
                    "unit_queue": queue(user, "can-xu-ly", scope="don-vi").count(),
                }
            )
        )
