"""Passwords: one's own name (with or without diacritics) is refused, every rule speaks Vietnamese and English."""

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db

CITIZEN = {
    "personal_id": "042195001234",
    "full_name": "Lê Thị Hoa",
    "birth_date": "1995-04-12",
    "sex": "female",
}


@pytest.mark.parametrize("password", ["Lê Thị Hoa", "lethihoa1995", "LeThiHoa@2026"])
def test_a_password_made_of_ones_name_is_refused(api, password):
    response = api.post("/api/v1/accounts/citizens/", {**CITIZEN, "password": password}, format="json")
    assert response.status_code == 400
    assert "quá giống họ tên" in " ".join(response.json()["error"]["fields"]["password"])


@pytest.mark.parametrize(
    ("password", "vietnamese", "english"),
    [
        ("Ab1!", "quá ngắn", "too short"),
        ("password123", "quá phổ biến", "too common"),
        ("84736251940", "chỉ gồm chữ số", "only digits"),
    ],
)
def test_every_password_rule_speaks_both_languages(api, password, vietnamese, english):
    messages = " ".join(
        api.post("/api/v1/accounts/citizens/", {**CITIZEN, "password": password}, format="json").json()[
            "error"
        ]["fields"]["password"]
    )
    assert vietnamese in messages
    with translation.override("en"):
        response = api.post(
            "/api/v1/accounts/citizens/",
            {**CITIZEN, "password": password},
            format="json",
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert english in " ".join(response.json()["error"]["fields"]["password"]).lower()
