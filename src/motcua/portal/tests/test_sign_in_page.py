"""Signing in, in a real browser."""

import pytest
from conftest import screenshot

from motcua_testing.browser import open_menu
from motcua_testing.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_citizen_signs_in_with_their_personal_id(browser_page, world):
    page = browser_page
    page.goto("/dang-nhap/")
    page.get_by_label("Số định danh cá nhân, mã số thuế hoặc tên đăng nhập cán bộ").fill(
        world.citizen.username
    )
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    screenshot(page, "portal-sign-in")
    page.get_by_role("button", name="Đăng nhập").click()
    open_menu(page)
    assert page.get_by_role("button", name=f"Đăng xuất ({world.citizen.full_name})").is_visible()


def test_a_wrong_password_says_so_in_vietnamese(browser_page, world):
    page = browser_page
    page.goto("/dang-nhap/")
    page.get_by_label("Số định danh cá nhân, mã số thuế hoặc tên đăng nhập cán bộ").fill(
        world.citizen.username
    )
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    assert "mật khẩu không đúng" in page.get_by_role("alert").inner_text()


def test_an_official_lands_on_the_one_stop_shop(browser_page, world):
    page = browser_page
    page.goto("/dang-nhap/")
    page.get_by_label("Số định danh cá nhân, mã số thuế hoặc tên đăng nhập cán bộ").fill(
        world.receiver.user.username
    )
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/can-bo/")
    assert "Sở Tư pháp" in page.content()
