"""Input that used to crash the server (500) now gets 400 with the usual error body and changes nothing."""

import json

import pytest
from django.test import Client

from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua.org.models import Role
from motcua_testing.dossiers import dossier_in
from motcua_testing.factories import BIRTH_DATA, OfficialFactory

pytestmark = pytest.mark.django_db

DEEP = "[" * 1000 + "]" * 1000


@pytest.fixture
def api(api):
    api.raise_request_exception = False
    return api


@pytest.fixture
def administrator(world):
    return OfficialFactory.with_roles((world.justice, Role.ADMIN)).user


def refused(response, status=400):
    assert response.status_code == status, response.content[:300]
    assert set(response.json()["error"]) == {"code", "message", "fields"}
    return response.json()["error"]


@pytest.mark.parametrize(
    "query",
    [
        {"actor": "²"},
        {"actor": "9" * 40},
        {"since": "0001-01-01"},
        {"until": "9999-12-31"},
        {"since": "2024-13-01"},
    ],
)
def test_audit_search_refuses_odd_numbers_and_dates_without_crashing(api, administrator, query):
    api.force_authenticate(administrator)
    response = api.get("/api/v1/audit/", query)
    if "actor" in query:
        assert response.status_code == 200  # a name that matches nobody
    else:
        assert refused(response)["fields"]


def test_the_audit_page_reads_a_superscript_digit_as_a_name(client, administrator):
    client.force_login(administrator)
    assert client.get("/can-bo/nhat-ky/", {"nguoi": "²"}).status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/dossiers/", "/api/v1/assistant/"])
def test_json_nested_a_thousand_deep_is_refused(api, world, path):
    api.force_authenticate(world.citizen)
    body = f'{{"procedure": "{world.procedure.code}", "question": {DEEP}, "form_data": {{"a": {DEEP}}}}}'
    refused(api.post(path, data=body, content_type="application/json"))
    assert not Dossier.objects.exists()


def test_a_lone_surrogate_in_the_form_is_refused(api, world):
    api.force_authenticate(world.citizen)
    form = json.dumps(BIRTH_DATA, ensure_ascii=True)[:-1] + ', "note": "\\ud800"}'
    body = f'{{"procedure": "{world.procedure.code}", "form_data": {form}}}'
    refused(api.post("/api/v1/dossiers/", data=body, content_type="application/json"))
    assert not Dossier.objects.exists()


def test_a_multipart_form_data_field_nested_too_deep_is_refused(api, world):
    api.force_authenticate(world.citizen)
    response = api.post(
        "/api/v1/dossiers/", {"procedure": world.procedure.code, "form_data": DEEP}, format="multipart"
    )
    assert "form_data" in refused(response)["fields"]


def test_reassigning_to_an_id_past_64_bits_is_refused(api, world):
    dossier = dossier_in(world, Status.PROCESSING)
    leader = world.leader.user
    api.force_authenticate(leader)
    response = api.post(f"/api/v1/workspace/{dossier.code}/reassign/", {"to": 10**30}, format="json")
    assert "to" in refused(response)["fields"]


def test_a_browser_session_posting_multipart_with_an_idempotency_key_is_answered(world):
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    browser.force_login(world.citizen)
    browser.get("/")
    token = browser.cookies["csrftoken"].value
    post = {"procedure": world.procedure.code, "form_data": json.dumps(BIRTH_DATA)}
    first = browser.post("/api/v1/dossiers/", post, HTTP_X_CSRFTOKEN=token, HTTP_IDEMPOTENCY_KEY="m-1")
    again = browser.post("/api/v1/dossiers/", post, HTTP_X_CSRFTOKEN=token, HTTP_IDEMPOTENCY_KEY="m-1")
    assert first.status_code == again.status_code == 201, first.content[:300]
    assert again["Idempotent-Replayed"] == "true"
    assert Dossier.objects.count() == 1


def test_a_body_over_the_limit_gets_a_json_413_on_the_api(api, world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    api.force_authenticate(world.citizen)
    body = json.dumps({"procedure": world.procedure.code, "form_data": {"note": "x" * 5000}})
    assert refused(api.post("/api/v1/dossiers/", data=body, content_type="application/json"), 413)


@pytest.mark.parametrize(
    "query",
    [
        {"page_size": "null"},
        {"page_size": "0"},
        {"page_size": "abc"},
        {"prefer_level": "galaxy"},
        {"level": "x"},
    ],
)
def test_list_parameters_outside_their_values_are_refused(api, world, query):
    assert refused(api.get("/api/v1/procedures/", query))["fields"]


def test_an_agencys_email_is_valid_or_null_and_a_top_agency_has_a_null_parent(api, world):
    world.justice.email = "không phải thư"
    world.justice.save()
    agencies = {row["code"]: row for row in api.get("/api/v1/agencies/").json()["results"]}
    assert agencies[world.justice.code]["email"] is None
    assert agencies[world.justice.code]["parent"] is None
