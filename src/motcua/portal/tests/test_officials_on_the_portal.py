"""An official reading the citizens' portal is shown no link to the applicants' own pages (which
answer them 403), but the way to their own home."""

from __future__ import annotations

import pytest

from motcua_testing.pages import follow, open_page

pytestmark = pytest.mark.django_db


def test_the_home_page_leads_an_official_to_their_home_not_to_my_dossiers(client, world):
    client.force_login(world.receiver.user)
    home = open_page(client, "/")
    assert not home.has_link("Xem hồ sơ")
    assert follow(client, home, "Trang chủ cán bộ").status_code == 200


def test_a_procedure_page_offers_an_official_no_online_filing(client, world):
    client.force_login(world.receiver.user)
    page = open_page(client, f"/thu-tuc/{world.procedure.code}/")
    assert page.status_code == 200
    assert not page.has_link("Nộp hồ sơ trực tuyến")
    client.force_login(world.citizen)
    assert open_page(client, f"/thu-tuc/{world.procedure.code}/").has_link("Nộp hồ sơ trực tuyến")
