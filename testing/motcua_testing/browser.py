"""What a person does in the browser beyond filling forms: open the folded menu on a phone, sign in
and out by the links and buttons the pages show, pick a tile on the officials' home.

One place for these, so the browser tests (and the whole-journey test) change together when the
sign-in page does (a second factor, another label).
"""

from __future__ import annotations

import re

from motcua_testing.factories import PASSWORD

USERNAME_LABEL = "Số định danh cá nhân, mã số thuế hoặc tên đăng nhập cán bộ"
SIGN_OUT = re.compile(r"^\s*Đăng xuất")


def open_menu(page) -> None:
    """Tap "Danh mục" when the portal's menu is folded (phone-sized screens); nothing on wide screens."""
    button = page.locator("label.menu-button")
    if button.count() and button.is_visible() and not page.locator("#menu-toggle").is_checked():
        button.click()


def fill_sign_in(page, username: str, password: str = PASSWORD) -> None:
    """On the sign-in page: type the username and password and press "Đăng nhập"."""
    page.get_by_label(USERNAME_LABEL).fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def sign_in(page, who, password: str = PASSWORD, *, lands_on: str | None = None) -> None:
    """Open the sign-in page and sign in as ``who`` (a username or a user); ``lands_on`` ("/can-bo/",
    "/ho-so/") waits for the landing page."""
    page.goto("/dang-nhap/")
    fill_sign_in(page, getattr(who, "username", who), password)
    if lands_on:
        page.wait_for_url(f"**{lands_on}")


def sign_in_from_home(page, username: str, password: str = PASSWORD, *, lands_on: str | None = None) -> None:
    """As a person does: the home page, then the "Đăng nhập" link it shows (in the menu on a phone)."""
    page.goto("/")
    open_menu(page)
    page.get_by_role("link", name="Đăng nhập", exact=True).click()
    fill_sign_in(page, username, password)
    if lands_on:
        page.wait_for_url(f"**{lands_on}")


def sign_out(page) -> None:
    """Press "Đăng xuất (name)" in the header (opening the menu first on a phone)."""
    open_menu(page)
    page.get_by_role("button", name=SIGN_OUT).click()
    page.wait_for_load_state()


def tile(page, label: str):
    """A count tile of the officials' home (/can-bo/) by its label; ``.click()`` opens its list."""
    return page.locator(".tile", has=page.locator(".tile-label", has_text=label))
