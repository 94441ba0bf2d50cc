"""An official's first sign-in with two factors, in Chromium: enrol the app by its QR code's key,
keep the recovery codes, reach the one-stop shop."""

from __future__ import annotations

import base64
import time

import pytest
from conftest import screenshot
from django_otp.oath import TOTP

from motcua_testing.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_official_enrols_an_authenticator_app_and_reaches_the_one_stop_shop(browser_page, world, settings):
    settings.TWO_FACTOR = True
    page = browser_page
    page.goto("/dang-nhap/")
    page.get_by_label("Số định danh cá nhân, mã số thuế hoặc tên đăng nhập cán bộ").fill(
        world.receiver.user.username
    )
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/xac-thuc-hai-yeu-to/dang-ky/**")
    assert page.locator("figure.qr svg").is_visible()
    screenshot(page, "identity-two-factor-enrol")
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    totp = TOTP(base64.b32decode(secret + "=" * (-len(secret) % 8)))
    totp.time = time.time()
    page.get_by_label("Mã xác thực").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="Xác nhận").click()
    page.locator("ul.recovery-codes code").first.wait_for()  # the next page, not the form just sent
    codes = page.locator("ul.recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    screenshot(page, "identity-recovery-codes")
    page.get_by_role("link", name="Tiếp tục").click()
    page.wait_for_url("**/can-bo/")
    assert "Sở Tư pháp" in page.content()
