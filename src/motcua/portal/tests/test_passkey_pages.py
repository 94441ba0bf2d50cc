"""The passkey second step through Django's client, with a software key that really signs: a cloned
key (counter gone back) and an unreadable answer are refused; the passkeys page needs a proved factor;
one official cannot remove another's passkey; an administrator's reset removes them."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from motcua.accounts import two_factor
from motcua.accounts.models import Passkey, SecurityNotice
from motcua.accounts.tests.test_two_factor import enrol, signed_in
from motcua.audit.models import AuditEntry
from motcua.testing.factories import OfficialFactory
from motcua.testing.pages import open_page, submit
from motcua.testing.webauthn import SoftKey

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _two_factors_on(settings):
    settings.TWO_FACTOR = True
    settings.TWO_FACTOR_ROLES = ["official", "admin"]


@pytest.fixture
def official(db):
    return OfficialFactory(user__email="canbo@example.vn").user


def second_step(username: str):
    client = Client()
    page = signed_in(client, username)
    assert page.url.startswith("/xac-thuc-hai-yeu-to/?")
    return client, page


def answer(client, page, credential: str):
    """Send the passkey form the page rendered, with the browser's answer in its hidden field."""
    form = page.form(form_id="passkey-form")
    form.values["credential"] = [credential]
    return submit(client, form)


def options_of(page) -> dict:
    return json.loads(page.tree.get_element_by_id("passkey-options").text_content())


def test_a_passkey_answer_signs_the_official_in(official):
    enrol(Client(), official.username)
    key = SoftKey()
    key.enrol(official)
    client, page = second_step(official.username)
    page = answer(client, page, key.assertion(options_of(page)))
    assert page.url == "/can-bo/"
    assert Passkey.objects.get(user=official).sign_count == 1


def test_a_cloned_key_whose_counter_went_back_is_refused_and_told(official):
    enrol(Client(), official.username)
    key = SoftKey()
    key.counter = 7
    key.enrol(official)
    client, page = second_step(official.username)
    page = answer(client, page, key.assertion(options_of(page), counter=3))
    assert page.status_code == 400
    assert "Bộ đếm chữ ký của khóa truy cập không tăng" in page.text
    assert client.get("/can-bo/").status_code == 302
    assert AuditEntry.objects.filter(action="alert", detail__alert="passkey_counter").exists()
    assert SecurityNotice.objects.filter(user=official, kind="passkey_counter").exists()


def test_an_unreadable_answer_is_refused_clearly(official):
    enrol(Client(), official.username)
    SoftKey().enrol(official)
    client, page = second_step(official.username)
    page = answer(client, page, "{not json")
    assert page.status_code == 400 and "không đọc được" in page.text
    assert client.get("/can-bo/").status_code == 302


def test_the_passkeys_page_needs_a_proved_second_factor(official):
    enrol(Client(), official.username)
    client, _page = second_step(official.username)
    answer_ = client.get("/xac-thuc-hai-yeu-to/khoa-truy-cap/")
    assert answer_.status_code == 302 and answer_["Location"].startswith("/xac-thuc-hai-yeu-to/?")


def test_an_official_cannot_remove_another_officials_passkey(client, official):
    other = OfficialFactory().user
    theirs = SoftKey().enrol(other, name="Khóa của người khác")
    page, _secret = enrol(client, official.username)
    page = open_page(client, "/xac-thuc-hai-yeu-to/khoa-truy-cap/")
    assert "Khóa của người khác" not in page.text
    answer_ = client.post(f"/xac-thuc-hai-yeu-to/khoa-truy-cap/{theirs.pk}/go/")
    assert answer_.status_code == 404
    assert Passkey.objects.filter(pk=theirs.pk).exists()


def test_an_administrators_reset_removes_the_passkeys(official):
    SoftKey().enrol(official)
    two_factor.reset(user=official, by=official)
    assert not Passkey.objects.filter(user=official).exists()
