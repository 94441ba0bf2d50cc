import pytest

pytestmark = pytest.mark.django_db


def test_pages_are_in_vietnamese_even_for_an_english_browser(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Cổng dịch vụ công" in page


def test_the_english_switch_turns_pages_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert "Public service portal" in client.get("/").content.decode()


def test_the_api_follows_accept_language(client):
    body = client.get("/api/v1/dossiers/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["error"]["message"] == "Please sign in."
    assert client.get("/api/v1/dossiers/").json()["error"]["message"] == "Cần đăng nhập."
