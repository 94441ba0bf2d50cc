"""Signed in as each demo role, every link the pages show leads somewhere that works: no 404, no
500, and no 403 (a page the reader may not open is a link the page should not have shown)."""

from __future__ import annotations

import pytest

from motcua.accounts.models import User
from motcua.demo.builder import build_demo
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua_testing.crawler import DEMO_OFFICIALS, Answer, client_fetcher, crawl

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
LIMIT = 900  # pages per role (the system administrator reaches ~630: every admin model, the figures)


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def test_every_link_shown_to_every_demo_role_works(client):
    build_demo(dossiers=60, signing=False)
    citizen = (
        Dossier.objects.filter(status=Status.RETURNED, applicant__kind=User.Kind.CITIZEN).first().applicant
    )
    problems = []
    report = crawl(client_fetcher(client), start="/", signed_in=False, limit=150)
    problems += [f"anonymous: {p}" for p in report.problems]
    for username, starts in [(citizen.username, ("/", "/ho-so/"))] + [
        (r.username, r.starts) for r in DEMO_OFFICIALS
    ]:
        client.force_login(User.objects.get(username=username))
        report = crawl(client_fetcher(client), start=starts, limit=LIMIT)
        print(f"{username}: {report.summary()}")
        # Every link reachable was followed (within a few addresses per shape), not cut by the limit.
        assert 10 < len(report.visited) < LIMIT, f"{username}: {report.summary()}"
        problems += [f"{username}: {p}" for p in report.problems]
        client.logout()
    assert not problems, "\n".join(problems)


def test_the_crawler_reports_a_broken_link_and_where_it_was_shown():
    pages = {
        "/": Answer(
            200,
            "text/html",
            b'<main><a href="/a/">A</a> <a href="/gone/">Gone</a> <a href="https://x.vn/">X</a></main>',
        ),
        "/a/": Answer(302, location="/dang-nhap/?next=/a/"),
        "/dang-nhap/": Answer(200, "text/html", b"<main>sign in</main>"),
        "/gone/": Answer(404, "text/html"),
    }
    visited = []

    def fetch(url):
        visited.append(url)
        return pages[url.split("?")[0]]

    report = crawl(fetch, start="/")
    assert [(p.url, p.status, p.link_text) for p in report.problems] == [
        ("/a/", 200, "A"),  # sent to sign in, though signed in
        ("/gone/", 404, "Gone"),
    ]
    assert "https://x.vn/" not in visited
