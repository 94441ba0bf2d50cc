"""The officials' lists page by cursor (issue 19): "Trang sau" starts where the page ended, so a
dossier arriving between two clicks neither repeats a row nor hides one, page N costs what page 1
costs (no OFFSET, no count beyond the tab's capped one), and a cursor that cannot be read is
refused with a message and the first page. The links followed are those the page rendered."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from motcua.audit.services import record
from motcua.backoffice import counter, workspace
from motcua.dossiers.states import Status
from motcua.org.models import Role
from motcua_testing.dossiers import dossier_in
from motcua_testing.factories import OfficialFactory

pytestmark = pytest.mark.django_db

CODE = re.compile(r'<a class="mono" href="[^"]+">([^<]+)</a>')


def _link(page: str, rel: str) -> str | None:
    found = re.search(rf'<a rel="{rel}" href="([^"]+)"', page)
    return html.unescape(found.group(1)) if found else None


def _open(client, path: str, link: str | None = None) -> str:
    response = client.get(path + link if link and link.startswith("?") else link or path)
    assert response.status_code == 200
    return response.content.decode()


def _codes(page: str) -> list[str]:
    return CODE.findall(page)


@pytest.fixture
def waiting(world, monkeypatch):
    """Five dossiers waiting at the counter, submitted a minute apart; two to a page."""
    monkeypatch.setattr(counter, "PER_PAGE", 2)
    start = timezone.now() - timedelta(hours=1)
    return [dossier_in(world, Status.SUBMITTED, at=start + timedelta(minutes=i)).code for i in range(5)]


def test_the_counter_pages_forward_and_back_by_the_links_it_shows(client, world, waiting):
    client.force_login(world.receiver.user)
    path = reverse("backoffice:counter")
    first = _open(client, path)
    assert _codes(first) == waiting[:2]
    assert _link(first, "prev") is None
    assert "Trang 1/3" in first

    second = _open(client, path, _link(first, "next"))
    assert _codes(second) == waiting[2:4]
    assert "Trang 2/3" in second
    third = _open(client, path, _link(second, "next"))
    assert _codes(third) == waiting[4:]
    assert _link(third, "next") is None

    back = _open(client, path, _link(third, "prev"))
    assert _codes(back) == waiting[2:4]
    again = _open(client, path, _link(back, "prev"))
    assert _codes(again) == waiting[:2]
    assert _link(again, "prev") is None
    assert "Trang 1/3" in again


def test_a_dossier_arriving_between_two_clicks_shifts_no_row(client, world, waiting):
    """With OFFSET pages, a dossier submitted earlier than the shown ones (a counter's walk-in
    back-dated to the morning) pushed the last row of page 1 onto page 2: shown twice."""
    client.force_login(world.receiver.user)
    path = reverse("backoffice:counter")
    first = _open(client, path)
    dossier_in(world, Status.SUBMITTED, at=timezone.now() - timedelta(hours=2))  # sorts first
    second = _open(client, path, _link(first, "next"))
    assert _codes(second) == waiting[2:4]


def test_the_next_page_reads_no_offset_and_counts_only_the_tabs(client, world, waiting):
    client.force_login(world.receiver.user)
    path = reverse("backoffice:counter")
    link = _link(_open(client, path), "next")
    _open(client, path, link)  # warm the process's caches
    with CaptureQueriesContext(connection) as captured:
        _open(client, path, link)
    sql = [q["sql"] for q in captured.captured_queries if "dossiers_dossier" in q["sql"]]
    assert not [s for s in sql if " OFFSET " in s], "\n".join(sql)
    counts = [s for s in sql if s.startswith("SELECT COUNT(*)")]
    assert all("LIMIT 10001" in s for s in counts), "\n".join(counts)  # the tabs' capped counts


# Not base64; one value for two columns; no id; a time that is no time; a time without its zone.
UNREADABLE = [
    "abc",
    "WyJ4Il0",
    "W251bGwsbnVsbF0",
    "WyJub3QgYSB0aW1lIiwxXQ",
    "WyIyMDI2LTAxLTAxVDAwOjAwOjAwIiwxXQ",
]


def test_a_cursor_that_cannot_be_read_is_refused_with_the_first_page(client, world, waiting):
    client.force_login(world.receiver.user)
    for cursor in UNREADABLE:
        response = client.get(reverse("backoffice:counter"), {"sau": cursor})
        page = response.content.decode()
        assert response.status_code == 400, cursor
        assert "Vị trí trang không hợp lệ; đây là trang đầu." in page
        assert _codes(page) == waiting[:2]

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the page's language switch
    english = client.get(reverse("backoffice:counter"), {"truoc": UNREADABLE[0]})
    assert "The page position cannot be read; this is the first page." in english.content.decode()


def test_the_processors_queue_pages_by_due_date_and_back(client, world, monkeypatch):
    monkeypatch.setattr(workspace, "PER_PAGE", 2)
    codes = [dossier_in(world, Status.PROCESSING).code for _ in range(5)]
    client.force_login(world.processor.user)
    path = "/can-bo/xu-ly/"
    seen, page = [], _open(client, path)
    while True:
        seen += _codes(page)
        link = _link(page, "next")
        if link is None:
            break
        page = _open(client, path, link)
    assert sorted(seen) == sorted(codes) and len(seen) == 5  # each once, by due date then id
    back = _open(client, path, _link(page, "prev"))
    assert len(_codes(back)) == 2 and set(_codes(back)) <= set(seen[:4])


def test_the_audit_log_pages_without_counting_the_whole_log(client, world):
    for i in range(60):
        record(action="read", user=world.processor.user, object_type="dossier", object_ref=f"HS-{i:03}")
    administrator = OfficialFactory.with_roles((world.justice, Role.ADMIN))
    client.force_login(administrator.user)
    path = reverse("backoffice:audit")
    first = _open(client, path)
    assert "HS-059" in first and "HS-000" not in first
    second = _open(client, path, _link(first, "next"))
    assert "HS-000" in second and "HS-059" not in second
    assert "HS-059" in _open(client, path, _link(second, "prev"))


def test_every_feedback_in_the_inbox_is_reachable_by_its_page_links(client, world):
    """The inbox showed its first 20 and had no page links at all: the 21st was unreachable."""
    from motcua.feedback.services import send_feedback

    sent = [
        send_feedback(
            kind="complaint",
            subject=f"Phản ánh số {i}",
            content="Hồ sơ của tôi đã quá hạn hai ngày mà chưa có kết quả.",
            sender_name="Nguyễn Văn An",
            sender_phone="0912345678",
            agency=world.justice,
        ).code
        for i in range(23)
    ]
    client.force_login(world.receiver.user)
    path = reverse("backoffice:feedback")
    first = _open(client, path)
    second = _open(client, path, _link(first, "next"))
    assert _codes(first) + _codes(second) == sent  # oldest first, each once
