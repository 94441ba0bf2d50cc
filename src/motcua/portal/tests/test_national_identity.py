"""Signing in with the national identity (OpenID Connect), in Chromium, against providers on
loopback: motcua's own sandbox provider (the demo) and a forging provider whose ID tokens must be
refused."""

from __future__ import annotations

import pytest
from conftest import screenshot

from motcua.accounts.models import ExternalIdentity, User
from motcua.demo.population import RESIDENTS
from motcua_testing.browser import open_menu
from motcua_testing.factories import PASSWORD, CitizenFactory
from motcua_testing.oidc import ForgingProvider

pytestmark = pytest.mark.django_db(transaction=True)

THU = RESIDENTS[0]
BUTTON = "Đăng nhập bằng định danh điện tử (VNeID)"


@pytest.fixture
def sandbox(settings, live_server, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.OIDC_SANDBOX = True
    settings.OIDC_ISSUER = live_server.url + "/sandbox/oidc"
    settings.OIDC_CLIENT_ID = ""
    settings.SITE_URL = live_server.url
    return live_server


def sign_in_at_sandbox(page, person=THU, *, shot: str | None = None):
    page.goto("/dang-nhap/")
    page.get_by_role("link", name=BUTTON).click()
    page.get_by_label(f"{person.full_name} — {person.personal_id}").check()
    if shot:
        screenshot(page, shot)
    page.get_by_role("button", name="Đồng ý và đăng nhập").click()


def test_a_first_sign_in_creates_the_citizens_account_with_verified_data(browser_page, sandbox):
    page = browser_page
    sign_in_at_sandbox(page, shot="identity-sandbox-provider")
    page.wait_for_url("**/ho-so/")
    open_menu(page)
    assert page.get_by_role("button", name=f"Đăng xuất ({THU.full_name})").is_visible()
    user = User.objects.get(personal_id=THU.personal_id)
    assert (user.full_name, user.birth_date, user.is_male) == (THU.full_name, THU.birth_date, False)
    assert not user.has_usable_password()
    identity = ExternalIdentity.objects.get(user=user)
    assert identity.claims["address"] == THU.permanent_address


def test_the_next_sign_in_reaches_the_same_account_and_sign_out_ends_the_providers_session(
    browser_page, sandbox
):
    page = browser_page
    sign_in_at_sandbox(page)
    page.wait_for_url("**/ho-so/")
    open_menu(page)
    with page.expect_request("**/sandbox/oidc/end-session?*") as ended:
        page.get_by_role("button", name=f"Đăng xuất ({THU.full_name})").click()
    assert "id_token_hint=" in ended.value.url
    page.wait_for_url(sandbox.url + "/")
    sign_in_at_sandbox(page)
    page.wait_for_url("**/ho-so/")
    assert User.objects.filter(personal_id=THU.personal_id).count() == 1


def test_a_local_account_with_the_same_number_is_linked_only_with_its_password(browser_page, sandbox):
    local = CitizenFactory(
        personal_id=THU.personal_id, username=THU.personal_id, birth_date=THU.birth_date, is_male=False
    )
    page = browser_page
    sign_in_at_sandbox(page)
    page.wait_for_url("**/dang-nhap/dinh-danh/lien-ket/")
    page.get_by_label("Mật khẩu của tài khoản đã có").fill("sai-mat-khau")
    page.get_by_role("button", name="Liên kết và đăng nhập").click()
    assert "Mật khẩu không đúng" in page.get_by_role("alert").inner_text()
    assert not ExternalIdentity.objects.exists()
    page.get_by_label("Mật khẩu của tài khoản đã có").fill(PASSWORD)
    screenshot(page, "identity-link-account")
    page.get_by_role("button", name="Liên kết và đăng nhập").click()
    page.wait_for_url("**/ho-so/")
    assert ExternalIdentity.objects.get().user == local
    assert User.objects.filter(personal_id=THU.personal_id).count() == 1


@pytest.fixture
def forger(settings, live_server):
    claims = {
        "sub": "forged-subject-1",
        "personal_id_number": THU.personal_id,
        "name": THU.full_name,
        "birthdate": THU.birth_date.isoformat(),
        "gender": "female",
    }
    with ForgingProvider(client_id="motcua-test", client_secret="bi-mat", claims=claims) as provider:
        settings.OIDC_ISSUER = provider.url
        settings.OIDC_CLIENT_ID = "motcua-test"
        settings.OIDC_CLIENT_SECRET = "bi-mat"
        yield provider


def test_the_client_sends_pkce_state_and_nonce(browser_page, forger):
    page = browser_page
    page.goto("/dang-nhap/")
    page.get_by_role("link", name=BUTTON).click()
    page.wait_for_url("**/ho-so/")
    sent = forger.authorizations[0]
    assert sent["code_challenge_method"] == "S256" and len(sent["code_challenge"]) >= 43
    assert sent["state"] and sent["nonce"] and "openid" in sent["scope"].split()
    assert forger.token_requests[0]["code_verifier"]


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("wrong_signature", "Chữ ký của mã định danh (ID token) không hợp lệ."),
        ("wrong_audience", "không cấp cho ứng dụng này (aud)"),
        ("expired", "đã hết hạn"),
        ("wrong_issuer", "không do cổng định danh đã cấu hình cấp (iss)"),
        ("replayed_nonce", "không thuộc lần đăng nhập này (nonce)"),
    ],
)
def test_a_forged_id_token_is_refused_and_nothing_is_created(browser_page, forger, mode, message):
    page = browser_page
    if mode == "replayed_nonce":  # an earlier sign-in, abandoned, whose nonce the forger keeps
        forger.mode = "deny"
        page.goto("/dang-nhap/")
        page.get_by_role("link", name=BUTTON).click()
        assert "đã hủy đăng nhập" in page.get_by_role("alert").inner_text()
    forger.mode = mode
    page.goto("/dang-nhap/")
    page.get_by_role("link", name=BUTTON).click()
    alert = page.get_by_role("alert").inner_text()
    assert message in alert
    if mode == "wrong_signature":
        screenshot(page, "identity-forged-token-refused")
    assert not User.objects.filter(personal_id=THU.personal_id).exists()
    assert not ExternalIdentity.objects.exists()


def test_an_answer_with_a_state_this_browser_did_not_send_is_refused(browser_page, forger):
    page = browser_page
    page.goto("/dang-nhap/dinh-danh/ve/?code=code-1&state=forged-state")
    assert "Phiên đăng nhập không khớp (state)" in page.get_by_role("alert").inner_text()
    assert not User.objects.filter(personal_id=THU.personal_id).exists()


def test_after_the_national_identity_sign_in_the_form_is_filled_with_verified_values(
    browser_page, sandbox, world
):
    from motcua.portal.tests.test_prefill import SCHEMA
    from motcua_testing.factories import ProcedureFactory

    procedure = ProcedureFactory(agencies=[world.justice], form_schema=SCHEMA)
    page = browser_page
    sign_in_at_sandbox(page)
    page.wait_for_url("**/ho-so/")
    page.goto(f"/thu-tuc/{procedure.code}/nop-ho-so/")
    name = page.get_by_label("Họ, chữ đệm và tên")
    assert name.input_value() == THU.full_name and not name.is_editable()
    assert "Đã xác thực với Định danh điện tử" in page.locator("#id_f_full_name-source").inner_text()
    screenshot(page, "identity-prefill-verified")
    page.get_by_label("Số điện thoại liên hệ").fill("0912000421")
    page.get_by_role("button", name="Lưu nháp").click()
    page.wait_for_url("**/sua/")
    assert page.get_by_role("button", name="Báo thông tin sai").is_visible()
