"""`make run` on another port (MOTCUA_BIND) links to itself there: the demo's sandbox identity
provider is reached at the site's address, so "Đăng nhập bằng định danh điện tử" worked only on :8000."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def site_url(**env) -> str:
    environment = {k: v for k, v in os.environ.items() if k not in ("MOTCUA_SITE_URL", "MOTCUA_BIND")}
    environment.update(env, DJANGO_SETTINGS_MODULE="motcua.settings")
    code = "import django; django.setup(); from django.conf import settings; print(settings.SITE_URL)"
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_the_site_address_follows_the_address_the_server_listens_on():
    assert site_url(MOTCUA_BIND="127.0.0.1:8047") == "http://127.0.0.1:8047"
    assert site_url(MOTCUA_BIND="0.0.0.0:8010") == "http://127.0.0.1:8010"
    assert site_url() == "http://127.0.0.1:8000"
    assert site_url(MOTCUA_BIND="0.0.0.0:8010", MOTCUA_SITE_URL="https://dichvucong.hatinh.gov.vn/") == (
        "https://dichvucong.hatinh.gov.vn"
    )
