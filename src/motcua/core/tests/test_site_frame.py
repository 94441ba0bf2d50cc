"""Every page's frame: the province's portal name and emblem, a favicon, a menu that folds on phones,
and a citizens' footer without developer links."""

import pytest
from django.urls import reverse

from motcua_testing.files import image_bytes
from motcua_testing.forms import links

pytestmark = pytest.mark.django_db


def test_the_site_name_is_configured_and_translated_when_english_is_chosen(client, settings):
    settings.SITE_NAME = "Cổng dịch vụ công tỉnh Hà Tĩnh"
    settings.SITE_NAME_EN = "Ha Tinh Public Service Portal"
    page = client.get("/").content.decode()
    assert (
        "<title>Cổng dịch vụ công tỉnh Hà Tĩnh</title>" in page
        and page.count("Cổng dịch vụ công tỉnh Hà Tĩnh") >= 3
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Ha Tinh Public Service Portal" in client.get("/").content.decode()


def test_without_a_logo_the_placeholder_emblem_is_shown_and_is_the_favicon(client):
    page = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/core/emblem.svg">' in page
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 302 and favicon["Location"] == "/static/core/emblem.svg"
    assert client.get("/logo").status_code == 404


def test_the_provinces_logo_file_is_shown_served_and_used_as_favicon(client, settings, tmp_path):
    logo = tmp_path / "quoc-huy-ha-tinh.png"
    logo.write_bytes(image_bytes("PNG", size=(64, 64)))
    settings.SITE_LOGO = str(logo)
    page = client.get("/").content.decode()
    assert 'src="/logo"' in page and '<link rel="icon" href="/logo">' in page
    served = client.get("/logo")
    assert served["Content-Type"] == "image/png" and b"".join(served.streaming_content) == logo.read_bytes()
    assert client.get("/favicon.ico")["Location"] == "/logo"


def test_a_logo_setting_that_is_not_an_image_falls_back_to_the_placeholder(client, settings, tmp_path):
    secret = tmp_path / "secret_key"
    secret.write_text("not an image")
    settings.SITE_LOGO = str(secret)
    assert client.get("/logo").status_code == 404
    assert "/static/core/emblem.svg" in client.get("/").content.decode()


def test_the_citizens_footer_has_citizen_links_and_no_developer_links(client, world):
    home = client.get("/")
    shown = links(home)
    assert "Tra cứu hồ sơ" in shown and "Kiểm tra văn bản có chữ ký số" in shown
    assert "/api/v1/docs/" not in home.content.decode() and "/healthz" not in home.content.decode()
    client.force_login(world.receiver.user)
    officials = client.get(reverse("backoffice:home")).content.decode()
    assert "/api/v1/docs/" in officials


def test_the_portal_menu_folds_behind_a_button_that_needs_no_javascript(client):
    page = client.get("/").content.decode()
    assert 'type="checkbox" id="menu-toggle"' in page and '<label for="menu-toggle"' in page
    css = client.get("/static/core/motcua.css")
    body = b"".join(css.streaming_content).decode() if css.streaming else css.content.decode()
    assert ".menu-toggle:not(:checked) ~ nav.main { display:none; }" in body
