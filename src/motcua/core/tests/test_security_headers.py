"""Headers and sessions the penetration test asked for: CSP on every page, HTTPS settings, idle sessions."""

import os
import subprocess
import sys
import time

import pytest
from django.urls import reverse

from motcua.accounts.sessions import TOUCHED
from motcua_testing.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_every_page_carries_a_content_security_policy_without_inline_code(client, world):
    for path in ("/", reverse("portal:feedback-new"), "/dang-nhap/", "/admin/login/", "/api/v1/procedures/"):
        policy = client.get(path)["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, path
        assert "frame-ancestors 'none'" in policy


def _settings_with(**env) -> str:
    code = "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "motcua.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_secure_cookies_turn_on_https_redirect_and_hsts_and_the_proxy_header_is_configurable():
    assert _settings_with(MOTCUA_SECURE_COOKIES="0") == "False 0 False None"
    assert _settings_with(MOTCUA_SECURE_COOKIES="1", MOTCUA_PROXY_SSL_HEADER="X-Forwarded-Proto") == (
        "True 31536000 True ('HTTP_X_FORWARDED_PROTO', 'https')"
    )


def test_the_deployment_check_is_clean_in_production_settings():
    env = {
        **os.environ,
        "MOTCUA_SECURE_COOKIES": "1",
        "MOTCUA_SECRET_KEY": "k" * 20 + "-production-secret-with-enough-variety-0123456789",
        "MOTCUA_ALLOWED_HOSTS": "dichvucong.example.vn",
    }
    checked = subprocess.run(
        [sys.executable, "-m", "motcua.cli", "manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "no issues" in checked.stdout


def test_an_officials_session_ends_after_thirty_idle_minutes(client, world):
    client.post("/dang-nhap/", {"username": world.processor.user.username, "password": PASSWORD})
    assert client.get("/can-bo/").status_code == 200
    session = client.session
    session[TOUCHED] = int(time.time()) - 31 * 60
    session.save()
    assert client.get("/can-bo/").status_code == 302  # back to the sign-in page


def test_an_applicants_session_lasts_as_configured(client, world, settings):
    settings.CITIZEN_SESSION_MINUTES = 120
    client.post("/dang-nhap/", {"username": world.citizen.username, "password": PASSWORD})
    session = client.session
    session[TOUCHED] = int(time.time()) - 31 * 60
    session.save()
    assert client.get("/ho-so/").status_code == 200
    assert client.session.get_expiry_age() == 120 * 60


def test_only_the_api_documentation_pages_go_without_the_policy(client, db):
    assert "Content-Security-Policy" not in client.get("/api/v1/docs/")
    assert "Content-Security-Policy" in client.get("/api/v1/schema/")
