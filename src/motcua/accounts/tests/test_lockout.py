"""Guessing passwords: after five wrong ones the account (and the address) is locked, right password or not."""

import pytest
from axes.models import AccessAttempt

from motcua_testing.factories import PASSWORD, OfficialFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(world):
    user = OfficialFactory().user
    user.is_staff = user.is_superuser = True
    user.save()
    return user


def _admin_login(client, user, password):
    page = client.get("/admin/login/")
    assert page.status_code == 200
    return client.post("/admin/login/?next=/admin/", {"username": user.username, "password": password})


def test_the_admin_login_locks_after_five_wrong_passwords_then_refuses_the_right_one(client, superuser):
    for _attempt in range(5):
        assert _admin_login(client, superuser, "doan-mo").status_code in (200, 429)
    locked = _admin_login(client, superuser, PASSWORD)
    assert locked.status_code == 429
    assert "thử lại sau 15 phút" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_api_token_endpoint_locks_with_a_json_429(api, world):
    for _attempt in range(5):
        api.post(
            "/api/v1/auth/token/", {"username": world.citizen.username, "password": "sai"}, format="json"
        )
    locked = api.post(
        "/api/v1/auth/token/", {"username": world.citizen.username, "password": PASSWORD}, format="json"
    )
    assert locked.status_code == 429
    assert locked.json()["error"]["code"] == "locked_out"
    assert int(locked["Retry-After"]) == 900


def test_the_portal_sign_in_locks_per_address_across_accounts(client, world):
    for n in range(5):
        client.post("/dang-nhap/", {"username": f"0421950012{n:02d}", "password": "sai"})
    locked = client.post("/dang-nhap/", {"username": world.citizen.username, "password": PASSWORD})
    assert locked.status_code == 429


def test_the_lockout_keeps_no_typed_identifier(client, world):
    typed = "mat-khau-bi-go-vao-o-ten"
    client.post("/dang-nhap/", {"username": typed, "password": "sai"})
    stored = list(AccessAttempt.objects.values_list("username", "post_data"))
    assert stored and all(typed not in f"{username}{post}" for username, post in stored)
