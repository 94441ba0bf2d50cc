"""Two factors for officials: enrolment by QR code, the code at every sign-in, recovery codes,
lock-out after wrong codes, alerts on unusual sign-ins, and the API token that needs the code."""

from __future__ import annotations

import re
import time

import pytest
from django.core import mail
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.audit.models import AuditEntry
from motcua_testing.factories import PASSWORD, OfficialFactory
from motcua_testing.pages import Page, follow, open_page, submit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _two_factors_on(settings):
    settings.TWO_FACTOR = True
    settings.TWO_FACTOR_ROLES = ["official", "admin"]


def code_for(secret_text: str, *, steps_ahead: int = 0) -> str:
    import base64

    raw = secret_text.replace(" ", "")
    key = base64.b32decode(raw + "=" * (-len(raw) % 8))
    totp = TOTP(key)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def signed_in(client: Client, username: str) -> Page:
    page = open_page(client, "/dang-nhap/")
    form = page.form("Đăng nhập").fill(username=username, password=PASSWORD)
    return submit(client, form)


def enrol(client: Client, username: str) -> tuple[Page, str]:
    page = signed_in(client, username)
    assert page.url.startswith("/xac-thuc-hai-yeu-to/dang-ky/")
    secret = page.tree.get_element_by_id("totp-secret").text_content()
    form = page.form("Xác nhận").fill(code=code_for(secret))
    return submit(client, form), secret


@pytest.fixture
def official(db):
    return OfficialFactory(user__email="canbo@example.vn").user


def test_an_official_without_an_app_is_sent_to_enrol_before_the_one_stop_shop(client, official):
    page = signed_in(client, official.username)
    assert page.url.startswith("/xac-thuc-hai-yeu-to/dang-ky/")
    assert "Đăng ký ứng dụng xác thực" in page.text
    assert page.tree.xpath("//figure[@class='qr']/svg")
    assert client.get("/can-bo/").status_code == 302
    assert client.get("/admin/").status_code == 302


def test_enrolment_shows_ten_recovery_codes_once_and_opens_the_one_stop_shop(client, official):
    page, _secret = enrol(client, official.username)
    codes = [c.text_content() for c in page.tree.xpath("//ul[@class='recovery-codes']//code")]
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-9]{5}-[a-z2-9]{5}", c) for c in codes)
    assert client.get(page.link("Tiếp tục")).status_code == 200


def test_a_wrong_code_at_enrolment_says_so_and_enrols_nothing(client, official):
    page = signed_in(client, official.username)
    page = submit(client, page.form("Xác nhận").fill(code="000000"))
    assert "Mã xác thực không đúng" in page.text
    assert page.status_code == 400
    assert not TOTPDevice.objects.filter(user=official, confirmed=True).exists()


def test_the_next_sign_in_asks_for_the_code_of_the_app(client, official):
    _page, secret = enrol(client, official.username)
    other = Client()
    page = signed_in(other, official.username)
    assert page.url.startswith("/xac-thuc-hai-yeu-to/?")
    assert other.get("/can-bo/").status_code == 302
    page = submit(other, page.form("Xác nhận").fill(code=code_for(secret, steps_ahead=1)))
    assert page.url == "/can-bo/"
    assert other.get("/can-bo/").status_code == 200


def test_a_code_is_accepted_once(client, official):
    _page, secret = enrol(client, official.username)
    code = code_for(secret, steps_ahead=1)
    first, second = Client(), Client()
    page = signed_in(first, official.username)
    assert submit(first, page.form("Xác nhận").fill(code=code)).url == "/can-bo/"
    page = signed_in(second, official.username)
    page = submit(second, page.form("Xác nhận").fill(code=code))
    assert "Mã xác thực không đúng" in page.text


def test_a_recovery_code_replaces_a_lost_phone_once(client, official):
    page, _secret = enrol(client, official.username)
    code = page.tree.xpath("//ul[@class='recovery-codes']//code")[0].text_content()
    other = Client()
    page = submit(other, signed_in(other, official.username).form("Xác nhận").fill(code=code))
    assert "Còn 9 mã khôi phục" in page.text
    assert other.get("/can-bo/").status_code == 200
    again = Client()
    page = submit(again, signed_in(again, official.username).form("Xác nhận").fill(code=code))
    assert "Mã xác thực không đúng" in page.text


def test_wrong_codes_lock_the_second_step_and_alert_the_official(client, official, settings):
    _page, secret = enrol(client, official.username)
    mail.outbox.clear()
    other = Client()
    page = signed_in(other, official.username)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page = submit(other, page.form("Xác nhận").fill(code="123456"))
    page = submit(other, page.form("Xác nhận").fill(code=code_for(secret, steps_ahead=1)))
    assert page.status_code == 429
    assert "Nhập sai mã xác thực quá nhiều lần" in page.text
    assert other.get("/can-bo/").status_code == 302
    assert AuditEntry.objects.filter(action="alert", detail__alert="many_failures").count() == 1
    alerts = [m for m in mail.outbox if "nhiều lần đăng nhập sai" in m.subject]
    assert [m.to for m in alerts] == [["canbo@example.vn"]]


def test_a_sign_in_from_a_new_browser_alerts_the_official_and_the_audit_log(client, official):
    enrol(client, official.username)
    mail.outbox.clear()
    same_browser = Client()
    same_browser.cookies["motcua_device"] = client.cookies["motcua_device"].value
    signed_in(same_browser, official.username)  # the browser kept its cookie: no alert
    assert not AuditEntry.objects.filter(action="alert").exists()
    signed_in(Client(HTTP_USER_AGENT="Lạ/1.0"), official.username)
    alert = AuditEntry.objects.get(action="alert")
    assert alert.detail == {
        "alert": "new_device",
        "user_agent": "Lạ/1.0",
        "browser": "Lạ/1.0",
        "network": "127.0.0.0/16",
    }
    assert "thiết bị mới" in mail.outbox[0].subject


FIREFOX_ON_ANDROID = "Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0"
CHROME_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


def test_a_known_browser_cookie_coming_back_from_another_browser_is_a_new_device(official):
    usual = Client(HTTP_USER_AGENT=CHROME_ON_WINDOWS)
    enrol(usual, official.username)
    cookie = usual.cookies["motcua_device"].value
    updated = Client(HTTP_USER_AGENT=CHROME_ON_WINDOWS.replace("131.0", "132.0"))
    updated.cookies["motcua_device"] = cookie
    signed_in(updated, official.username)  # the same browser, updated: not unusual
    assert not AuditEntry.objects.filter(action="alert").exists()
    copied = Client(HTTP_USER_AGENT=FIREFOX_ON_ANDROID)
    copied.cookies["motcua_device"] = cookie
    signed_in(copied, official.username)
    alert = AuditEntry.objects.get(action="alert")
    assert (alert.detail["alert"], alert.detail["browser"]) == ("new_device", "Firefox / Android")


def test_the_official_reads_the_new_device_notice_in_the_back_office_until_marking_it_seen(client, official):
    _page, secret = enrol(client, official.username)
    stranger = Client(HTTP_USER_AGENT=FIREFOX_ON_ANDROID, REMOTE_ADDR="203.113.7.9")
    page = signed_in(stranger, official.username)
    page = submit(stranger, page.form("Xác nhận").fill(code=code_for(secret, steps_ahead=1)))
    assert page.url == "/can-bo/"
    assert "Cảnh báo bảo mật tài khoản" in page.text
    assert "trình duyệt chưa dùng trước đây (Firefox / Android, mạng 203.113.0.0/16)" in page.text
    # the official's usual browser shows it too, on any page of the back office
    page = open_page(client, "/can-bo/")
    assert "Firefox / Android" in page.text
    page = submit(client, page.form("Đã xem"))
    assert "Cảnh báo bảo mật tài khoản" not in page.text
    assert "Cảnh báo bảo mật tài khoản" not in open_page(stranger, "/can-bo/").text


def test_notices_from_many_new_browsers_show_the_newest_three_a_link_to_all_and_one_dismissal(
    client, official
):
    """Each new browser added one card above every page of the back office, ten deep, each with its
    own "Đã xem": the newest three now, the rest behind a link, and one button for all of them."""
    enrol(client, official.username)
    for n in range(6):
        signed_in(Client(HTTP_USER_AGENT=f"Trinh-duyet-{n}/1.0"), official.username)
    page = open_page(client, "/can-bo/")
    shown = page.tree.xpath("//div[@class='security-notice']/p")
    assert [p.text_content().count("Trinh-duyet-") for p in shown] == [1, 1, 1]
    assert "Trinh-duyet-5/1.0" in shown[0].text_content()  # the newest first
    every = follow(client, page, "Còn 3 cảnh báo chưa xem: xem tất cả")
    listed = every.tree.xpath("//ul[@id='security-notices-list']/li")
    assert len(listed) == 6 and all("Chưa xem" in li.text_content() for li in listed)
    page = submit(client, page.form("Đã xem cả 6 cảnh báo"))
    assert page.url == "/can-bo/"
    assert "Cảnh báo bảo mật tài khoản" not in page.text
    every = open_page(client, every.url)
    assert len(every.tree.xpath("//ul[@id='security-notices-list']/li[contains(@class, 'unseen')]")) == 0


def test_many_wrong_passwords_are_told_to_the_official_at_the_next_sign_in(client, official, settings):
    _page, secret = enrol(client, official.username)
    intruder = Client(REMOTE_ADDR="198.51.100.20")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page = open_page(intruder, "/dang-nhap/")
        submit(intruder, page.form("Đăng nhập").fill(username=official.username, password="sai-mat-khau"))
    assert AuditEntry.objects.filter(action="alert", detail__alert="many_failures").count() == 1
    page = open_page(client, "/can-bo/")
    assert "nhập sai mật khẩu nhiều lần liên tiếp (mạng 198.51.0.0/16)" in page.text
    assert "đăng nhập đã tạm khóa" in page.text


def test_citizens_sign_in_with_a_password_only(client, world):
    page = signed_in(client, world.citizen.username)
    assert page.url == "/ho-so/"


def test_the_setting_off_lets_officials_in_with_a_password(client, official, settings):
    settings.TWO_FACTOR = False
    page = signed_in(client, official.username)
    assert page.url == "/can-bo/"


def test_an_api_token_needs_the_code(api, official):
    client = Client()
    _page, secret = enrol(client, official.username)
    answer = api.post(
        "/api/v1/auth/token/", {"username": official.username, "password": PASSWORD}, format="json"
    )
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "otp_required"
    answer = api.post(
        "/api/v1/auth/token/",
        {"username": official.username, "password": PASSWORD, "otp": "999999"},
        format="json",
    )
    assert answer.json()["error"]["code"] == "otp_invalid"
    answer = api.post(
        "/api/v1/auth/token/",
        {"username": official.username, "password": PASSWORD, "otp": code_for(secret, steps_ahead=1)},
        format="json",
    )
    assert answer.status_code == 200 and answer.json()["token"]


def test_an_official_not_enrolled_gets_no_api_token(api, official):
    answer = api.post(
        "/api/v1/auth/token/", {"username": official.username, "password": PASSWORD}, format="json"
    )
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "otp_enrolment_required"


def test_the_demo_command_prints_the_code_the_app_shows(official, settings):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("two_factor_code", official.username, stdout=StringIO())
    settings.OIDC_SANDBOX = True
    out = StringIO()
    call_command("two_factor_code", official.username, stdout=out)
    client = Client()
    page = signed_in(client, official.username)
    page = submit(client, page.form("Xác nhận").fill(code=out.getvalue().strip()))
    assert "Mã khôi phục" in page.text


def test_the_demo_command_enrols_so_an_official_takes_an_api_token(api, official, settings):
    """The README's curl walk-through: ``two_factor_code --enrol`` then the token request with ``otp``."""
    from io import StringIO

    from django.core.management import call_command

    settings.OIDC_SANDBOX = True
    out = StringIO()
    call_command("two_factor_code", official.username, "--enrol", stdout=out)
    answer = api.post(
        "/api/v1/auth/token/",
        {"username": official.username, "password": PASSWORD, "otp": out.getvalue().strip()},
        format="json",
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["token"]
