"""API tokens: a new one per sign-in, expiring, revocable, hashed, and gone everywhere at once."""

from datetime import timedelta

import pytest
from django.utils import timezone
from knox.models import AuthToken

from motcua_testing.factories import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(api, user, password=PASSWORD):
    response = api.post(
        "/api/v1/auth/token/", {"username": user.username, "password": password}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def me(api, token):
    return api.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").status_code


def test_each_sign_in_gets_its_own_token_with_an_expiry(api, world):
    first, second = sign_in(api, world.citizen), sign_in(api, world.citizen)
    assert first["token"] != second["token"]
    assert first["expiry"]
    assert me(api, first["token"]) == me(api, second["token"]) == 200


def test_the_database_keeps_no_token_in_plain_text(api, world):
    token = sign_in(api, world.citizen)["token"]
    stored = AuthToken.objects.get()
    assert token not in (stored.digest, stored.token_key) and len(stored.digest) == 128


def test_an_expired_token_is_refused(api, world):
    token = sign_in(api, world.citizen)["token"]
    AuthToken.objects.update(expiry=timezone.now() - timedelta(seconds=1))
    assert me(api, token) == 401


def test_logout_revokes_that_token_at_once_and_only_that_one(api, world):
    phone, laptop = sign_in(api, world.citizen)["token"], sign_in(api, world.citizen)["token"]
    assert api.post("/api/v1/auth/logout/", HTTP_AUTHORIZATION=f"Token {phone}").status_code == 204
    assert me(api, phone) == 401
    assert me(api, laptop) == 200
    assert api.post("/api/v1/auth/logout-all/", HTTP_AUTHORIZATION=f"Token {laptop}").status_code == 204
    assert me(api, laptop) == 401


def test_signing_out_of_the_web_pages_revokes_the_accounts_tokens(api, client, world):
    token = sign_in(api, world.citizen)["token"]
    client.force_login(world.citizen)
    client.post("/dang-xuat/")
    assert me(api, token) == 401


def test_changing_the_password_revokes_the_accounts_tokens(api, world):
    token = sign_in(api, world.citizen)["token"]
    world.citizen.set_password("Mat-khau-moi-2026!")
    world.citizen.save()
    assert me(api, token) == 401
    assert me(api, sign_in(api, world.citizen, "Mat-khau-moi-2026!")["token"]) == 200
