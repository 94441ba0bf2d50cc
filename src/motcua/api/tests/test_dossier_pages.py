"""The dossier list pages without counting: ``next`` links carry a cursor, the total only on request."""

import json

import pytest

from motcua.dossiers.states import Status
from motcua_testing.dossiers import dossier_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def seven(world):
    return {dossier_in(world, Status.SUBMITTED).code for _ in range(7)}


def test_following_next_lists_every_dossier_once_newest_first(api, world, seven):
    api.force_authenticate(world.receiver.user)
    page = api.get("/api/v1/dossiers/", {"page_size": 3}).json()
    seen, times = [], []
    while True:
        seen += [row["code"] for row in page["results"]]
        times += [row["created_at"] for row in page["results"]]
        if page["next"] is None:
            break
        assert "cursor=" in page["next"]
        page = api.get(page["next"]).json()
    assert sorted(seen) == sorted(seven) and len(seen) == 7
    assert times == sorted(times, reverse=True)


def test_the_total_is_counted_only_when_asked(api, world, seven):
    api.force_authenticate(world.receiver.user)
    assert api.get("/api/v1/dossiers/").json()["count"] is None
    assert api.get("/api/v1/dossiers/", {"count": "true"}).json()["count"] == 7


def test_numbered_pages_still_work(api, world, seven):
    api.force_authenticate(world.receiver.user)
    second = api.get("/api/v1/dossiers/", {"page_size": 3, "page": 2}).json()
    first = api.get("/api/v1/dossiers/", {"page_size": 3}).json()
    assert len(second["results"]) == 3
    assert not {r["code"] for r in first["results"]} & {r["code"] for r in second["results"]}
    assert second["previous"] is not None
    assert api.get("/api/v1/dossiers/", {"page_size": 3, "page": 9}).status_code == 404


@pytest.mark.parametrize("cursor", ["abc", "W10", "WyIyMDI2IiwgMV0"])
def test_a_forged_cursor_is_refused_in_both_languages(api, world, seven, cursor):
    api.force_authenticate(world.receiver.user)
    answer = api.get("/api/v1/dossiers/", {"cursor": cursor})
    assert answer.status_code == 400
    assert answer.json()["error"]["fields"]["cursor"] == ["Vị trí trang không hợp lệ."]
    english = api.get("/api/v1/dossiers/", {"cursor": cursor}, HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["error"]["fields"]["cursor"] == ["The page position is not valid."]


def test_the_audit_log_and_the_queue_page_by_cursor_without_counting(api, world, seven):
    """Both counted every page exactly (the audit log: millions of entries a year) and paged by
    OFFSET; now their ``next`` carries a cursor in their own order (newest entry first; the queue
    by due date) and every row comes once."""
    from motcua.audit.services import record
    from motcua.org.models import Role
    from motcua_testing.factories import OfficialFactory

    for i in range(7):
        record(action="read", user=world.processor.user, object_type="dossier", object_ref=f"HS-{i}")
    for _ in range(4):
        dossier_in(world, Status.PROCESSING)
    administrator = OfficialFactory.with_roles((world.justice, Role.ADMIN))
    for user, path, key in (
        (administrator.user, "/api/v1/audit/", None),  # an entry has no id of its own: all of it
        (world.processor.user, "/api/v1/workspace/", "code"),
    ):
        api.force_authenticate(user)
        page = api.get(path, {"page_size": 3}).json()
        assert page["count"] is None
        seen = []
        while True:
            seen += [row[key] if key else json.dumps(row, sort_keys=True) for row in page["results"]]
            if page["next"] is None:
                break
            assert "cursor=" in page["next"]
            page = api.get(page["next"]).json()
        assert len(seen) == len(set(seen)) == api.get(path, {"count": "true"}).json()["count"] >= 4


def test_numbered_pages_read_their_keys_first_and_show_what_next_shows(api, world, seven):
    """A numbered page past the first selected every column of every row its OFFSET skipped
    (104 ms for page 200 of a department at a million dossiers); now it reads the keys first,
    then those rows, and shows the same dossiers in the same order as following ``next``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api.force_authenticate(world.receiver.user)
    walked, page = [], api.get("/api/v1/dossiers/", {"page_size": 3}).json()
    while True:
        walked += [row["code"] for row in page["results"]]
        if page["next"] is None:
            break
        page = api.get(page["next"]).json()
    numbered = []
    for number in (1, 2, 3):
        numbered += [
            row["code"]
            for row in api.get("/api/v1/dossiers/", {"page_size": 3, "page": number}).json()["results"]
        ]
    assert numbered == walked
    with CaptureQueriesContext(connection) as queries:
        api.get("/api/v1/dossiers/", {"page_size": 3, "page": 2})
    skipping = [q["sql"] for q in queries.captured_queries if "OFFSET" in q["sql"]]
    assert skipping and all("," not in sql.split(" FROM ")[0] for sql in skipping)
