"""What a person does in the browser beyond filling forms: open the folded menu on a phone."""

from __future__ import annotations


def open_menu(page) -> None:
    """Tap "Danh mục" when the portal's menu is folded (phone-sized screens); nothing on wide screens."""
    button = page.locator("label.menu-button")
    if button.count() and button.is_visible() and not page.locator("#menu-toggle").is_checked():
        button.click()
