"""``motcua serve`` (gunicorn) copes with a long question in the address: no bare "URI Too Long" page."""

from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import quote_plus

import httpx
import pytest

from motcua_testing.integration import free_port
from motcua_testing.jobs import wait_for

pytestmark = pytest.mark.slow

QUESTION = (
    "Tôi muốn hỏi về việc cấp đổi giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản gắn liền "
    "với đất; thủ tục thế nào? " * 20
)[:1600]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = {
        **os.environ,
        "MOTCUA_DATA_DIR": str(data),
        "MOTCUA_BIND": f"127.0.0.1:{port}",
        "MOTCUA_WEB_WORKERS": "1",
        "MOTCUA_SITE_NAME": "Cổng dịch vụ công tỉnh Thử Nghiệm",
    }
    env.pop("MOTCUA_DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([sys.executable, "-m", "motcua.cli", "migrate"], env=env, check=True, capture_output=True)
    log = open(data / "serve.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen([sys.executable, "-m", "motcua.cli", "serve"], env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        try:
            return httpx.get(base + "/healthz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    try:  # collectstatic runs first (a minute or two on a busy machine)
        assert wait_for(up, timeout=300), (data / "serve.log").read_text()[-3000:]
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def test_a_1600_character_question_in_the_search_box_gets_the_results_page(server):
    url = f"{server}/thu-tuc/?q={quote_plus(QUESTION)}"
    assert len(url) > 4094  # longer than gunicorn's default limit, which answered "URI Too Long"
    response = httpx.get(url, timeout=30)
    assert response.status_code == 200
    assert "Thủ tục hành chính" in response.text and "URI Too Long" not in response.text


def test_an_address_past_any_limit_gets_the_sites_own_page_in_both_languages(server):
    response = httpx.get(f"{server}/thu-tuc/?q={quote_plus(QUESTION * 4)}", timeout=30)
    assert response.status_code == 414
    assert response.headers["content-type"].startswith("text/html; charset=utf-8")
    page = response.text
    assert "Địa chỉ hoặc câu hỏi quá dài" in page and "The address or question is too long" in page
    assert "Cổng dịch vụ công tỉnh Thử Nghiệm" in page and 'maxlength="300"' in page
