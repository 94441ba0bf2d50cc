"""(benchmarks) A province's year in a database holding the demo: copies the demo's dossiers up to
``--dossiers``, then prints, as JSON, who ``motcua bench scale`` signs in as (a department
processor, a commune leader, the provincial administrator, a department receiver: sessions and
API tokens), their agencies (for the SQL baselines) and a sample of dossier codes for look-ups."""

import json
import sys

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand
from django.db.models import Count

from motcua.accounts.tokens import issue_token
from motcua.benchmarks.province import generate
from motcua.dossiers.models import Dossier
from motcua.org.models import AgencyKind, Official, Role
from motcua.org.selectors import agency_ids_for
from motcua.workspace.models import Task


def _session(user) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def _busiest(role: str, kind: str, *, task_role: str | None = None) -> Official:
    """The official holding ``role`` at the agency of ``kind`` with the most open steps."""
    busiest = (
        Task.objects.filter(
            finished_at__isnull=True, agency__kind=kind, **({"role": task_role} if task_role else {})
        )
        .values("agency_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    return (
        Official.objects.filter(roles__agency_id=busiest["agency_id"], roles__role=role)
        .select_related("user")
        .order_by("user__username")
        .first()
    )


def _actor(official: Official, roles=None) -> dict:
    return {
        "username": official.user.username,
        "session": _session(official.user),
        "token": issue_token(official.user)[0],
        "agencies": sorted(agency_ids_for(official, roles)),
    }


class Command(BaseCommand):
    help = "(benchmarks) nhân hồ sơ mẫu thành dữ liệu một năm của tỉnh; in người dùng cho bài đo"

    def add_arguments(self, parser):
        parser.add_argument("--dossiers", type=int, default=100_000)

    def handle(self, *args, dossiers, **options):
        have = Dossier.objects.count()
        if have < dossiers:
            summary = generate(
                total=dossiers - have, log=lambda line: print(line, file=sys.stderr, flush=True)
            )
            print(json.dumps(summary), file=sys.stderr)
        receiver_agency = (
            Dossier.objects.filter(receiving_agency__kind=AgencyKind.DEPARTMENT)
            .values("receiving_agency_id")
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()["receiving_agency_id"]
        )
        receiver = (
            Official.objects.filter(roles__agency_id=receiver_agency, roles__role=Role.RECEIVER)
            .select_related("user")
            .order_by("user__username")
            .first()
        )
        admin = (
            Official.objects.filter(roles__role=Role.ADMIN, roles__agency__kind=AgencyKind.PROVINCE_COMMITTEE)
            .select_related("user")
            .order_by("user__username")
            .first()
        )
        last = Dossier.objects.order_by("-id").values_list("id", flat=True).first()
        step = max(1, last // 2000)
        codes = list(
            Dossier.objects.filter(id__in=range(1, last + 1, step), code__isnull=False).values_list(
                "code", flat=True
            )
        )
        self.stdout.write(
            json.dumps(
                {
                    "dossiers": Dossier.objects.count(),
                    "processor": _actor(
                        _busiest(Role.PROCESSOR, AgencyKind.DEPARTMENT, task_role=Role.PROCESSOR),
                        [Role.PROCESSOR],
                    ),
                    "commune_leader": _actor(_busiest(Role.LEADER, AgencyKind.COMMUNE_COMMITTEE)),
                    "admin": _actor(admin),
                    "receiver": _actor(receiver, [Role.RECEIVER]),
                    "codes": codes,
                }
            )
        )
