"""An officials' page reads what its parts share once (issue 19): the official's roles (the view,
the access rule and the menu each asked for them), the chosen queue's count (its tab and its
paging); and the done queue, the official's whole history, is counted only up to its cap."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from motcua.dossiers.states import Status
from motcua.workspace import selectors, services
from motcua_testing.dossiers import dossier_in

pytestmark = pytest.mark.django_db


def _queries(client, path) -> list[str]:
    client.get(path)  # warm the process's caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries]


@pytest.mark.parametrize(
    "path", ["/can-bo/xu-ly/", "/can-bo/xu-ly/?pham-vi=don-vi", "/can-bo/xu-ly/?hang=phoi-hop"]
)
def test_a_queue_page_reads_the_officials_roles_once(client, world, path):
    dossier_in(world, Status.PROCESSING)
    client.force_login(world.processor.user)
    roles = [sql for sql in _queries(client, path) if 'FROM "org_roleassignment"' in sql]
    assert len(roles) == 1, "\n".join(roles)


def test_the_counter_reads_the_roles_once_and_counts_each_queue_once(client, world):
    dossier_in(world, Status.SUBMITTED)
    client.force_login(world.receiver.user)
    queries = _queries(client, reverse("backoffice:counter") + "?hang=da-tra")
    roles = [sql for sql in queries if 'FROM "org_roleassignment"' in sql]
    counts = [sql for sql in queries if sql.startswith("SELECT COUNT(*)") and "dossiers_dossier" in sql]
    assert len(roles) == 1, "\n".join(roles)
    assert len(counts) == 5, "\n".join(counts)  # one per queue; the chosen one's paging reuses its tab's


def test_the_done_queue_is_counted_up_to_its_cap(client, world, monkeypatch):
    user = world.processor.user
    done = [dossier_in(world, Status.PROCESSING) for _ in range(3)]
    for dossier in done:
        services.hand_over(dossier=dossier, by=user)
    client.force_login(user)
    tab = 'data-queue="da-xu-ly">{label} (<span class="count">{count}</span>)'

    page = client.get("/can-bo/xu-ly/?hang=da-xu-ly").content.decode()
    assert tab.format(label="Đã xử lý", count="3") in page

    monkeypatch.setattr(selectors, "DONE_COUNT_CAP", 2)
    capped = tuple(replace(q, cap=2) if q.key == "da-xu-ly" else q for q in selectors.QUEUES)
    monkeypatch.setattr(selectors, "QUEUES", capped)
    page = client.get("/can-bo/xu-ly/?hang=da-xu-ly").content.decode()
    assert tab.format(label="Đã xử lý", count="2+") in page
    assert all(dossier.code in page for dossier in done)  # the list itself is not cut at the cap
