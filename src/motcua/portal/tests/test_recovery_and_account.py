"""Forgotten passwords (a code to a verified address) and the account page (verify e-mail and
phone, change the address and the password), through the pages as rendered."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from motcua.accounts.models import OneTimeCode, VerifiedContact
from motcua.accounts.tokens import issue_token
from motcua_testing.factories import PASSWORD, CitizenFactory
from motcua_testing.pages import follow, open_page, submit

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Ha-Tinh-mua-thu-2026"


def sent_code() -> str:
    return re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)


@pytest.fixture
def citizen(db):
    user = CitizenFactory(email="thu@example.vn")
    VerifiedContact.objects.create(user=user, channel="email", address=user.email, verified_at=timezone.now())
    return user


def ask_for_a_code(client, identifier: str):
    page = follow(client, open_page(client, "/dang-nhap/"), "Quên mật khẩu?")
    return submit(client, page.form("Gửi mã xác nhận").fill(identifier=identifier))


def test_a_citizen_resets_a_forgotten_password_with_the_code_sent_to_their_verified_email(client, citizen):
    page = ask_for_a_code(client, citizen.username)
    assert "mã xác nhận đã được gửi tới đó" in page.text
    assert mail.outbox[-1].to == ["thu@example.vn"]
    form = page.form("Đặt mật khẩu mới").fill(
        code=sent_code(), password=NEW_PASSWORD, password_again=NEW_PASSWORD
    )
    page = submit(client, form)
    assert page.url == "/dang-nhap/" and "Đã đặt mật khẩu mới" in page.text
    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)


def test_the_answer_does_not_tell_whether_an_account_exists_or_has_a_verified_address(client, citizen):
    unverified = CitizenFactory(email="chua-xac-minh@example.vn")
    answers = []
    for identifier in (citizen.username, "079912345678", unverified.username):
        answers.append(ask_for_a_code(Client(), identifier).text.replace(identifier, "…"))
    assert answers[0] == answers[1] == answers[2]
    assert [m.to for m in mail.outbox] == [["thu@example.vn"]]


def test_a_wrong_or_expired_code_changes_nothing_and_says_so(client, citizen):
    page = ask_for_a_code(client, citizen.username)
    code = sent_code()
    wrong = "000000" if code != "000000" else "111111"
    page = submit(
        client,
        page.form("Đặt mật khẩu mới").fill(code=wrong, password=NEW_PASSWORD, password_again=NEW_PASSWORD),
    )
    assert page.status_code == 400 and "Mã xác nhận không đúng, đã hết hạn hoặc đã dùng" in page.text
    OneTimeCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    page = submit(
        client,
        page.form("Đặt mật khẩu mới").fill(code=code, password=NEW_PASSWORD, password_again=NEW_PASSWORD),
    )
    assert "Mã xác nhận không đúng" in page.text
    citizen.refresh_from_db()
    assert citizen.check_password(PASSWORD)


def test_wrong_tries_use_the_code_up(client, citizen, settings):
    page = ask_for_a_code(client, citizen.username)
    code = sent_code()
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page = submit(
            client,
            page.form("Đặt mật khẩu mới").fill(
                code=wrong, password=NEW_PASSWORD, password_again=NEW_PASSWORD
            ),
        )
    page = submit(
        client,
        page.form("Đặt mật khẩu mới").fill(code=code, password=NEW_PASSWORD, password_again=NEW_PASSWORD),
    )
    assert "Mã xác nhận không đúng" in page.text


def test_codes_are_sent_at_most_once_a_minute(client, citizen):
    ask_for_a_code(client, citizen.username)
    ask_for_a_code(Client(), citizen.username)
    assert len(mail.outbox) == 1


def test_a_citizen_verifies_their_email_on_the_account_page_and_a_changed_address_is_unverified(client):
    user = CitizenFactory(email="moi@example.vn")
    client.force_login(user)
    page = open_page(client, "/tai-khoan/")
    assert "moi@example.vn — chưa xác minh" in page.text
    page = submit(client, page.form("Gửi mã xác minh thư điện tử"))
    assert mail.outbox[-1].to == ["moi@example.vn"]
    page = submit(client, page.form("Xác minh").fill(code=sent_code()))
    assert "moi@example.vn — đã xác minh" in page.text
    form = page.form("Lưu").fill(email="khac@example.vn")
    page = submit(client, form)
    assert "khac@example.vn — chưa xác minh" in page.text


def test_a_password_change_needs_the_current_password_and_ends_api_tokens(client, citizen, api):
    client.force_login(citizen)
    token, _expiry = issue_token(citizen)
    page = open_page(client, "/tai-khoan/")
    page = submit(client, page.form("Đổi mật khẩu").fill(old_password="sai", new_password=NEW_PASSWORD))
    assert page.status_code == 400 and "Mật khẩu hiện tại không đúng" in page.text
    page = submit(client, page.form("Đổi mật khẩu").fill(old_password=PASSWORD, new_password=NEW_PASSWORD))
    assert "Đã đổi mật khẩu" in page.text
    assert open_page(client, "/tai-khoan/").status_code == 200  # this browser stays signed in
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/me/").status_code == 401


def test_the_address_is_changed_on_the_account_page(client, citizen):
    client.force_login(citizen)
    page = open_page(client, "/tai-khoan/")
    page = submit(client, page.form("Cập nhật địa chỉ").fill(address="Số 3 Trần Phú, Hà Tĩnh"))
    citizen.refresh_from_db()
    assert citizen.address == "Số 3 Trần Phú, Hà Tĩnh"


def test_without_a_verified_email_the_code_goes_by_sms_to_the_verified_phone(client, caplog):
    user = CitizenFactory(email="", phone="0912345678")
    VerifiedContact.objects.create(user=user, channel="sms", address=user.phone, verified_at=timezone.now())
    with caplog.at_level("INFO", logger="motcua.sms"):
        page = ask_for_a_code(client, user.username)
    (line,) = [r.getMessage() for r in caplog.records if r.name == "motcua.sms"]
    assert "0912345678" in line
    code = re.search(r"\b(\d{6})\b", line.split(":", 1)[1]).group(1)
    page = submit(
        client,
        page.form("Đặt mật khẩu mới").fill(code=code, password=NEW_PASSWORD, password_again=NEW_PASSWORD),
    )
    assert "Đã đặt mật khẩu mới" in page.text
    assert mail.outbox == []
