import pytest

from motcua.accounts.models import User
from motcua.accounts.tokens import issue_token
from motcua_testing.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_citizen_registers_with_a_valid_personal_id_and_signs_in(api):
    body = {
        "personal_id": "042195001234",
        "full_name": "Lê Thị Hoa",
        "birth_date": "1995-04-12",
        "sex": "female",
        "password": "Hoa@Ha-Tinh-2026",
    }
    response = api.post("/api/v1/accounts/citizens/", body, format="json")
    assert response.status_code == 201, response.json()
    token = api.post(
        "/api/v1/auth/token/", {"username": "042195001234", "password": "Hoa@Ha-Tinh-2026"}, format="json"
    ).json()["token"]
    me = api.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").json()
    assert me["full_name"] == "Lê Thị Hoa" and me["kind"] == "citizen"


def test_a_personal_id_that_does_not_match_the_birth_year_is_refused_and_nothing_is_created(api):
    body = {
        "personal_id": "042195001234",
        "full_name": "Lê Thị Hoa",
        "birth_date": "1996-04-12",
        "password": "Hoa@Ha-Tinh-2026",
    }
    response = api.post("/api/v1/accounts/citizens/", body, format="json")
    assert response.status_code == 400
    assert "1996" in response.json()["error"]["fields"]["personal_id"][0]
    assert not User.objects.exists()


def test_a_business_registers_with_its_tax_code(api):
    body = {"tax_code": "0100109106", "name": "Tổng công ty Viettel", "password": "Viettel@2026-abc"}
    assert api.post("/api/v1/accounts/businesses/", body, format="json").status_code == 201
    body["tax_code"] = "0100109107"
    response = api.post("/api/v1/accounts/businesses/", body, format="json")
    assert "kiểm tra" in response.json()["error"]["fields"]["tax_code"][0]


def test_a_wrong_password_gets_401(api, world):
    response = api.post(
        "/api/v1/auth/token/", {"username": world.citizen.username, "password": "sai"}, format="json"
    )
    assert response.status_code == 401
    ok = api.post(
        "/api/v1/auth/token/", {"username": world.citizen.username, "password": PASSWORD}, format="json"
    )
    assert ok.status_code == 200


def test_a_deactivated_user_is_refused_at_once(api, world):
    token, _expiry = issue_token(world.citizen)
    assert api.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200
    world.citizen.is_active = False
    world.citizen.save()
    assert api.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401
