"""A province administrator in Chromium: the menu link, the filters, the drill-down province →
agency → procedure → late dossiers, on a phone-sized screen; the public page from the portal menu."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import screenshot

from motcua.dossiers import services
from motcua.dossiers.selectors import late_dossiers
from motcua.org.models import AgencyKind, Role
from motcua.reports.tests.workload import run
from motcua_testing.browser import open_menu, sign_in
from motcua_testing.factories import (
    BIRTH_DATA,
    AgencyFactory,
    FieldFactory,
    OfficialFactory,
    ProcedureFactory,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser, pytest.mark.slow]


def province_over(world):
    province = AgencyFactory(name="UBND tỉnh thử nghiệm", kind=AgencyKind.PROVINCE_COMMITTEE)
    for agency in (world.justice, world.construction):
        agency.parent = province
        agency.save()
    return province, OfficialFactory.with_roles((province, Role.ADMIN))


def test_filters_and_drill_down_to_the_late_dossiers(browser_page, world):
    province, admin = province_over(world)
    dossiers = run(world, seed=31, steps=70)
    building = ProcedureFactory(
        agencies=[world.construction],
        name="Cấp giấy phép xây dựng nhà ở",
        field=FieldFactory(code="xay-dung", name="Xây dựng"),
    )
    for _ in range(2):
        services.receive_at_counter(
            official=world.other_receiver,
            agency=world.construction,
            applicant=world.citizen,
            procedure=building,
            form_data=dict(BIRTH_DATA),
            at=dossiers[0].created_at,
        )
    page = browser_page
    sign_in(page, admin.user, lands_on="/can-bo/")
    page.locator("#nav-indicators").click()
    page.wait_for_url("**/can-bo/chi-so/")
    assert page.locator("#as-of").is_visible()

    page.get_by_label("Kỳ báo cáo").select_option(label="Tùy chọn")
    page.get_by_label("Từ ngày").fill("2026-10-01")
    page.get_by_label("Đến ngày").fill("2026-12-31")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_load_state()
    assert "01/10/2026 – 31/12/2026" in page.locator("#scope").inner_text()
    table = page.locator("#breakdown-table")
    assert table.get_by_role("link", name=world.justice.name).is_visible()
    assert table.get_by_role("link", name=world.construction.name).is_visible()
    page.locator("#chart-score[data-drawn]").wait_for()
    screenshot(page, "reports-dashboard-province")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "reports-dashboard-province-wide")
    page.set_viewport_size({"width": 390, "height": 844})
    # On a phone each unit stays one row of a table that scrolls sideways (a province has ~80 units;
    # stacked as cards, 19 lines each, the page grew to 63,000 px).
    rows = table.locator("tbody tr")
    assert table.bounding_box()["height"] / rows.count() < 120
    assert page.evaluate("document.documentElement.scrollWidth") <= 400  # only the table scrolls

    # The field filter narrows the figures to the construction procedure's field.
    page.get_by_label("Lĩnh vực").select_option(label=building.field.name)
    page.get_by_role("button", name="Xem").click()
    page.wait_for_load_state()
    table = page.locator("#breakdown-table")
    assert table.get_by_role("link", name=world.construction.name).is_visible()
    assert table.get_by_role("link", name=world.justice.name).count() == 0
    page.get_by_label("Lĩnh vực").select_option(index=0)
    page.get_by_role("button", name="Xem").click()
    page.wait_for_load_state()

    # Province → agency → procedure → the late dossiers.
    page.locator("#breakdown-table").get_by_role("link", name=world.justice.name).click()
    page.wait_for_load_state()
    assert world.justice.name in page.locator("#scope").inner_text()
    procedure_link = page.locator("#breakdown-table a.drill").first
    procedure_name = procedure_link.inner_text()
    procedure_link.click()
    page.wait_for_load_state()
    assert procedure_name.rstrip("…")[:40] in page.locator("#scope").inner_text()
    screenshot(page, "reports-dashboard-procedure")
    page.locator("#late-link").click()
    page.wait_for_url("**/can-bo/chi-so/tre-han/**")
    shown = set(page.locator("#late-table td.mono a").all_inner_texts())
    procedure_id = int(page.url.split("procedure=")[1].split("&")[0])
    expected = {
        d.code
        for d in late_dossiers(
            agency_ids=[world.justice.id],
            start=date(2026, 10, 1),
            end=date(2026, 12, 31),
            procedure_id=procedure_id,
        )
    }
    assert shown == expected and shown
    screenshot(page, "reports-late-dossiers")
    page.locator("#back-to-dashboard").click()
    page.locator("#drill-up").click()
    page.wait_for_load_state()
    # One level up from the procedure: the agency's procedures again.
    assert page.locator("#breakdown-table a.drill", has_text=procedure_name.rstrip("…")[:40]).count() == 1


def test_the_public_page_is_in_the_portal_menu_without_personal_data(browser_page, world):
    dossiers = run(world, seed=32, steps=50)
    page = browser_page
    page.goto("/")
    open_menu(page)
    page.locator("#nav-figures").click()
    page.wait_for_url("**/so-lieu/")
    # On a phone the filters are the site's form controls, big enough to tap (they were bare 20 px
    # browser defaults beside the portal's 44 px fields; found walking make run).
    for label in ("Kỳ báo cáo", "Ngày trong kỳ", "Đơn vị"):
        assert page.get_by_label(label, exact=True).bounding_box()["height"] >= 44, label
    page.get_by_label("Kỳ báo cáo").select_option(label="Năm")
    page.get_by_label("Ngày trong kỳ").fill("2026-10-15")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_load_state()
    text = page.content()
    assert world.justice.name in text
    assert not [d.code for d in dossiers if d.code in text]
    assert world.citizen.full_name not in text
    assert page.locator("#late-link").count() == 0
    screenshot(page, "reports-public-page")
