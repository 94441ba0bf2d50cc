"""A receiver pages through the counter's queue in the browser by the "Trang sau" / "Trang trước"
links it shows, while a dossier arrives in between: no row is shown twice or skipped."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from motcua.backoffice import counter
from motcua.dossiers.states import Status
from motcua_testing.browser import sign_in
from motcua_testing.dossiers import dossier_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def _shows(page, codes: list[str]) -> None:
    """The queue's rows are these dossiers, in this order (waiting for the page the click opened)."""
    expect(page.locator("table.data tbody a.mono")).to_have_text(codes)


def test_a_receiver_follows_the_page_links_while_a_dossier_arrives(browser_page, world, monkeypatch):
    monkeypatch.setattr(counter, "PER_PAGE", 2)
    start = timezone.now() - timedelta(hours=1)
    waiting = [dossier_in(world, Status.SUBMITTED, at=start + timedelta(minutes=i)).code for i in range(5)]
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, world.receiver.user, lands_on="/can-bo/")
    page.get_by_role("link", name="Tiếp nhận, trả kết quả").click()
    _shows(page, waiting[:2])
    expect(page.get_by_text("Trang 1/3")).to_be_visible()

    dossier_in(world, Status.SUBMITTED, at=start - timedelta(hours=1))  # sorts before them all
    page.get_by_role("link", name="Trang sau").click()
    _shows(page, waiting[2:4])
    page.get_by_role("link", name="Trang sau").click()
    _shows(page, waiting[4:])
    expect(page.get_by_text("Trang 3/3")).to_be_visible()
    expect(page.get_by_role("link", name="Trang sau")).to_have_count(0)

    page.get_by_role("link", name="Trang trước").click()
    _shows(page, waiting[2:4])
