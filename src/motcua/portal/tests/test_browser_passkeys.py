"""Passkeys (WebAuthn) as an official's second factor, in Chromium with a virtual authenticator
(Chrome DevTools Protocol ``WebAuthn``): add one from the officials' menu, sign in with it, see a
replayed answer and an answer signed for another site refused, keep the recovery codes, remove it."""

from __future__ import annotations

import base64
import json
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread
from urllib.parse import parse_qs

import pytest
from conftest import screenshot
from django_otp.oath import TOTP

from motcua.accounts.models import Passkey
from motcua.audit.models import AuditEntry
from motcua_testing.browser import fill_sign_in, sign_out

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def virtual_authenticator(page) -> None:
    """A security key plugged into this tab: it answers every request (presence simulated)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def totp_code(secret: str) -> str:
    totp = TOTP(base64.b32decode(secret + "=" * (-len(secret) % 8)))
    totp.time = time.time()
    return f"{totp.token():06d}"


class PhishingSite:
    """Another site on this machine (another port of ``localhost``): a passkey answer made there is
    signed for its origin, as a look-alike page would get one."""

    def __enter__(self):
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                body = b"<!doctype html><title>motcua</title><p>Dang nhap</p>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://localhost:{self.server.server_port}/"
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


ASK_FOR_ASSERTION = """async (options) => {
  const bytes = (t) => Uint8Array.from(atob(t.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((t.length + 3) % 4)), c => c.charCodeAt(0));
  const o = options.publicKey;
  const credential = await navigator.credentials.get({publicKey: {
    ...o, challenge: bytes(o.challenge), allowCredentials: o.allowCredentials.map(c => ({...c, id: bytes(c.id)}))}});
  return JSON.stringify(credential.toJSON());
}"""


def to_second_step(page, username: str) -> None:
    page.goto("/dang-nhap/")
    fill_sign_in(page, username)
    page.wait_for_url("**/xac-thuc-hai-yeu-to/?**")


def answer_with(page, credential: str) -> None:
    """Put an answer into the passkey form the page rendered and send it (what a tampering client does)."""
    form = page.locator("form[data-passkey=get]")
    form.locator("input[name=credential]").evaluate("(input, value) => { input.value = value; }", credential)
    form.evaluate("f => f.submit()")
    page.wait_for_load_state()


def test_an_official_adds_a_passkey_signs_in_with_it_and_removes_it(
    browser_page, chromium, live_server, world, settings
):
    settings.TWO_FACTOR = True
    page = browser_page
    virtual_authenticator(page)
    username = world.receiver.user.username

    # First sign-in: the authenticator app and the recovery codes, as before.
    page.goto("/dang-nhap/")
    fill_sign_in(page, username)
    page.wait_for_url("**/xac-thuc-hai-yeu-to/dang-ky/**")
    page.get_by_label("Mã xác thực").fill(
        totp_code(page.locator("#totp-secret").inner_text().replace(" ", ""))
    )
    page.get_by_role("button", name="Xác nhận").click()
    page.locator("ul.recovery-codes code").first.wait_for()  # the next page, not the form just sent
    recovery_codes = page.locator("ul.recovery-codes code").all_inner_texts()
    page.get_by_role("link", name="Tiếp tục").click()
    page.wait_for_url("**/can-bo/")

    # Add a passkey from the officials' menu.
    page.get_by_role("link", name="Khóa truy cập").click()
    page.wait_for_url("**/xac-thuc-hai-yeu-to/khoa-truy-cap/")
    assert "Chưa có khóa truy cập nào" in page.content()
    page.get_by_label("Tên gợi nhớ của khóa").fill("Khóa USB phòng một cửa")
    page.get_by_role("button", name="Thêm khóa truy cập").click()
    page.get_by_text("Đã thêm khóa truy cập “Khóa USB phòng một cửa”").wait_for()
    assert page.locator("table.passkeys td", has_text="Khóa USB phòng một cửa").is_visible()
    screenshot(page, "identity-passkeys")
    assert Passkey.objects.filter(user=world.receiver.user, confirmed=True).count() == 1

    # Sign in again: the passkey answers the second step.
    sign_out(page)
    to_second_step(page, username)
    assert page.get_by_role("button", name="Dùng khóa truy cập").is_visible()
    with page.expect_request(lambda r: r.method == "POST" and "/xac-thuc-hai-yeu-to/" in r.url) as sent:
        page.get_by_role("button", name="Dùng khóa truy cập").click()
    page.wait_for_url("**/can-bo/")
    used_answer = parse_qs(sent.value.post_data)["credential"][0]
    assert Passkey.objects.get(user=world.receiver.user).last_used_at is not None

    # The same answer sent again from another browser (a stolen, replayed request) is refused.
    other = chromium.new_context(base_url=live_server.url, locale="vi-VN")
    thief = other.new_page()
    to_second_step(thief, username)
    answer_with(thief, used_answer)
    assert "đã được dùng hoặc đã hết hạn" in thief.locator("#passkey-error").inner_text()
    assert thief.url.split("?")[0].endswith("/xac-thuc-hai-yeu-to/")
    assert thief.request.get(f"{live_server.url}/can-bo/", max_redirects=0).status == 302
    other.close()

    # An answer the official's key gave to a look-alike site is refused, naming that site.
    sign_out(page)
    to_second_step(page, username)
    options = json.loads(page.locator("#passkey-options").text_content())
    with PhishingSite() as phishing:
        page.goto(phishing.url)
        phished = page.evaluate(ASK_FOR_ASSERTION, options)
        page.go_back()
        page.wait_for_url("**/xac-thuc-hai-yeu-to/?**")
        page.reload()
        answer_with(page, phished)
        error = page.locator("#passkey-error").inner_text()
        assert "trang khác" in error and phishing.url.rstrip("/") in error
    screenshot(page, "identity-passkey-wrong-origin-refused")
    assert page.request.get("/can-bo/", max_redirects=0).status == 302

    # The recovery codes still work beside the passkey.
    page.get_by_label("Mã xác thực").fill(recovery_codes[0])
    page.get_by_role("button", name="Xác nhận").click()
    page.get_by_text("Còn 9 mã khôi phục").wait_for()

    # Remove it: the second step no longer offers it.
    page.goto("/can-bo/")
    page.get_by_role("link", name="Khóa truy cập").click()
    page.get_by_role("button", name="Gỡ khóa Khóa USB phòng một cửa").click()
    page.get_by_text("Đã gỡ khóa truy cập “Khóa USB phòng một cửa”").wait_for()
    assert "Chưa có khóa truy cập nào" in page.content()
    sign_out(page)
    to_second_step(page, username)
    assert page.get_by_role("button", name="Dùng khóa truy cập").count() == 0
    assert set(
        AuditEntry.objects.filter(object_ref=username, detail__two_factor__startswith="passkey_").values_list(
            "detail__two_factor", flat=True
        )
    ) == {"passkey_added", "passkey_removed"}
