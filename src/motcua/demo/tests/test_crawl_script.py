"""``scripts/crawl`` against a running server: it signs in through the pages, second factor
included (``MOTCUA_TWO_FACTOR``: it enrols an authenticator, then answers with its codes)."""

from __future__ import annotations

import pytest

from motcua_testing.crawler import HttpSession, crawl
from motcua_testing.factories import PASSWORD

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def test_the_crawl_signs_an_official_in_with_a_second_factor_and_follows_the_links(
    live_server, world, settings
):
    settings.TWO_FACTOR = True
    secrets: dict[str, str] = {}
    session = HttpSession(live_server.url)
    assert session.sign_in(world.receiver.user.username, PASSWORD, secrets=secrets)
    assert world.receiver.user.username in secrets
    report = crawl(session, start="/can-bo/", limit=60)
    assert len(report.visited) > 5 and not report.problems, "\n".join(map(str, report.problems))

    # The next run: the account is enrolled, the kept secret answers the second step.
    again = HttpSession(live_server.url)
    assert again.sign_in(world.receiver.user.username, PASSWORD, secrets=secrets)
    assert again("/can-bo/").status == 200
    assert not HttpSession(live_server.url).sign_in(world.receiver.user.username, PASSWORD, secrets={})
