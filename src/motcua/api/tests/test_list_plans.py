"""At a province's scale every list reads the dossiers through an index: the plan of every query
the officials' lists run (the API's dossier list, each queue page and its counts, the counter's
queues, the menu) has no sequential scan of the dossier table, nor of the steps' (issue 19).

100,000 dossiers (the demo's, copied over a year by ``benchmarks.province``), on PostgreSQL.
"""

from __future__ import annotations

import contextlib
import os

import pytest
from django.db import connection
from django.test import Client

from motcua.demo.builder import build_demo
from motcua.dossiers.models import Dossier
from motcua.org.models import AgencyKind, Official, Role
from motcua.workspace.models import Task
from motcua_bench.province import generate

pytestmark = [pytest.mark.django_db, pytest.mark.slow, pytest.mark.postgresql]

DOSSIERS = int(os.environ.get("MOTCUA_PLAN_TEST_DOSSIERS", "100000"))


@pytest.fixture
def province():
    build_demo(dossiers=300, signing=False)
    generate(total=DOSSIERS, log=lambda line: None)


def _working(role, kind):
    """An official with ``role`` at the first agency of ``kind`` that has open steps."""
    agency = (
        Task.objects.filter(finished_at__isnull=True, agency__kind=kind)
        .values_list("agency_id", flat=True)
        .order_by("agency_id")
        .first()
    )
    return Official.objects.filter(roles__agency_id=agency, roles__role=role).select_related("user").first()


@contextlib.contextmanager
def _statements():
    """Every SQL statement run inside, with its parameters."""
    seen = []

    def keep(execute, sql, params, many, context):
        seen.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        yield seen


# The year's tables: the dossiers, and the steps (five or so per dossier; the queues read the open ones).
LARGE_TABLES = ("dossiers_dossier", "workspace_task")


def _seq_scans_of_dossiers(seen) -> list[str]:
    found = []
    with connection.cursor() as cursor:
        for sql, params in seen:
            tables = [t for t in LARGE_TABLES if t in sql]
            if not tables or not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall()) + " "
            if any(f"Seq Scan on {table} " in plan for table in tables):
                found.append(f"{sql}\n{plan}")
    return found


def _signed_in(official) -> Client:
    client = Client()
    client.force_login(official.user)
    return client


def test_no_list_scans_the_dossier_table(province):
    assert Dossier.objects.count() >= DOSSIERS
    scans = list_scans()
    assert not scans, "\n\n".join(scans)


def list_scans() -> list[str]:
    """Visit every list as four officials; the plans that scan the dossier table (also run by hand
    against ``motcua bench scale``'s database)."""
    processor = _working(Role.PROCESSOR, AgencyKind.DEPARTMENT)
    leader = _working(Role.LEADER, AgencyKind.COMMUNE_COMMITTEE)
    receiver = Official.objects.filter(
        roles__role=Role.RECEIVER, roles__agency__kind=AgencyKind.DEPARTMENT
    ).first()
    admin = Official.objects.filter(
        roles__role=Role.ADMIN, roles__agency__kind=AgencyKind.PROVINCE_COMMITTEE
    ).first()
    visits = {
        processor: [
            "/can-bo/xu-ly/",
            "/can-bo/xu-ly/?pham-vi=don-vi",
            "/can-bo/xu-ly/?hang=qua-han",
            "/can-bo/xu-ly/?hang=da-xu-ly",
            "/can-bo/xu-ly/?hang=da-xu-ly&pham-vi=don-vi",
            "/can-bo/xu-ly/?hang=phoi-hop",
            "/api/v1/dossiers/",
            "/api/v1/dossiers/?page=200",
            "/api/v1/dossiers/?status=processing",
            "/api/v1/dossiers/?overdue=true",
        ],
        leader: ["/can-bo/xu-ly/", "/can-bo/xu-ly/?hang=cho-ky", "/can-bo/xu-ly/?pham-vi=don-vi"],
        admin: ["/can-bo/xu-ly/?pham-vi=don-vi", "/api/v1/dossiers/", "/api/v1/dossiers/?page=200"],
        receiver: ["/can-bo/mot-cua/", "/can-bo/mot-cua/?hang=da-tra", "/can-bo/mot-cua/?hang=da-tiep-nhan"],
    }
    scans = []
    for official, paths in visits.items():
        client = _signed_in(official)
        for path in paths:
            with _statements() as seen:
                response = client.get(
                    path, HTTP_ACCEPT="application/json" if "/api/" in path else "text/html"
                )
            assert response.status_code == 200, path
            following = response.json().get("next") if "/api/" in path else None
            if following:
                with _statements() as more:
                    assert client.get(following).status_code == 200
                seen += more
            scans += [f"{official.user.username} {path}:\n{scan}" for scan in _seq_scans_of_dossiers(seen)]
    return scans
