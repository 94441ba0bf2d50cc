"""The officials' main flow in Chromium: the queue, open a dossier, hand it over, the leader approves."""

from __future__ import annotations

from datetime import timedelta

import pytest
from conftest import screenshot
from django.utils import timezone

from motcua.dossiers.states import Status
from motcua.org.models import Role
from motcua_testing.browser import sign_in
from motcua_testing.dossiers import dossier_in
from motcua_testing.factories import StepFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_queue_open_hand_over_and_approve(browser_page, world):
    procedure = world.procedure
    StepFactory(
        procedure=procedure,
        order=1,
        name="Tiếp nhận, chuyển xử lý",
        role=Role.RECEIVER,
        target="receiving",
        duration_minutes=30,
    )
    StepFactory(
        procedure=procedure, order=2, name="Thẩm định, đề xuất", role=Role.PROCESSOR, duration_minutes=16 * 60
    )
    StepFactory(
        procedure=procedure, order=3, name="Lãnh đạo phê duyệt", role=Role.LEADER, duration_minutes=4 * 60
    )
    StepFactory(
        procedure=procedure,
        order=4,
        name="Trả kết quả",
        role=Role.RECEIVER,
        target="receiving",
        duration_minutes=30,
    )
    world.processor.user.full_name = "Lê Văn Thẩm"
    world.processor.user.save()
    world.leader.user.full_name = "Nguyễn Thị Lãnh"
    world.leader.user.save()
    dossier = dossier_in(world, Status.PROCESSING)
    late = dossier_in(world, Status.PROCESSING, at=timezone.now() - timedelta(days=25))
    dossier_in(world, Status.SUPPLEMENT_REQUESTED)

    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, world.processor.user, lands_on="/can-bo/")
    menu = page.locator("#nav-workspace")
    assert "(2)" in menu.inner_text() and "1 quá hạn" in menu.inner_text()
    menu.click()
    assert page.get_by_role("link", name=dossier.code).is_visible()
    assert page.get_by_role("link", name=late.code).is_visible()
    screenshot(page, "workspace-queue")

    page.get_by_role("link", name=dossier.code).click()
    assert page.locator("#current-step").inner_text() == "Thẩm định, đề xuất"
    page.get_by_label("Chuyển cho").select_option(label="Nguyễn Thị Lãnh")
    page.get_by_label("Ý kiến, đề xuất").fill("Đủ điều kiện, đề nghị cấp")
    screenshot(page, "workspace-dossier-processor")
    page.get_by_role("button", name="Chuyển bước tiếp theo").click()
    assert "Đã chuyển hồ sơ sang bước tiếp theo." in page.get_by_role("status").inner_text()
    assert page.locator("#current-step").inner_text() == "Lãnh đạo phê duyệt"

    page.get_by_role("button", name="Đăng xuất").click()
    sign_in(page, world.leader.user, lands_on="/can-bo/")
    page.locator("#nav-workspace").click()
    page.get_by_role("link", name=dossier.code).click()
    screenshot(page, "workspace-dossier-leader")
    page.get_by_role("button", name="Phê duyệt").click()
    assert "Đã phê duyệt" in page.get_by_role("status").inner_text()
    assert page.locator("#status").inner_text() == "Đã có kết quả"
    dossier.refresh_from_db()
    assert dossier.status == Status.RESULT_READY

    page.get_by_role("link", name="Phiếu kiểm soát quá trình (Mẫu 05)").click()
    rows = page.locator("#slip tbody tr")
    assert rows.count() == 4
    assert "Lê Văn Thẩm" in rows.nth(1).inner_text()
    assert "Nguyễn Thị Lãnh" in rows.nth(2).inner_text()
    screenshot(page, "workspace-tracking-slip")


def test_the_phone_sized_queue_and_the_audit_search(browser_page, world):
    from motcua_testing.factories import OfficialFactory

    admin = OfficialFactory.with_roles((world.justice, Role.ADMIN))
    dossiers = [dossier_in(world, Status.PROCESSING) for _ in range(3)]
    page = browser_page
    sign_in(page, world.processor.user, lands_on="/can-bo/")
    page.goto(f"/can-bo/xu-ly/ho-so/{dossiers[0].code}/")
    page.goto("/can-bo/xu-ly/")
    screenshot(page, "workspace-queue-phone")
    page.get_by_role("button", name="Đăng xuất").click()
    sign_in(page, admin.user, lands_on="/can-bo/")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Nhật ký truy cập"
    ).click()
    page.get_by_label("Mã hồ sơ / tài khoản").fill(dossiers[0].code)
    page.get_by_role("button", name="Kiểm tra chuỗi băm").click()
    assert "Chuỗi nhật ký nguyên vẹn" in page.locator("#chain").inner_text()
    assert world.processor.user.full_name in page.locator("table.data").inner_text()
    screenshot(page, "audit-search")
