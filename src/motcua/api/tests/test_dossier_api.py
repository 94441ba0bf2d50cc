"""The dossier API as an applicant and as officials see it."""

import json

import pytest

from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua.testing.dossiers import dossier_in
from motcua.testing.factories import BIRTH_DATA

pytestmark = pytest.mark.django_db


def as_user(api, user):
    api.force_authenticate(user)
    return api


def file(api, world, **extra):
    body = {"procedure": world.procedure.code, "form_data": BIRTH_DATA, **extra}
    return api.post("/api/v1/dossiers/", body, format="json")


def test_a_citizen_files_a_dossier_and_gets_its_code(api, world):
    response = file(as_user(api, world.citizen), world)
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "submitted"
    assert body["national_status_code"] == 1
    assert body["code"].startswith("000.00.12.H30-")
    assert body["allowed_actions"] == ["withdraw"]


def test_a_retry_with_the_same_idempotency_key_returns_the_first_dossier(api, world):
    client = as_user(api, world.citizen)
    first = client.post(
        "/api/v1/dossiers/",
        {"procedure": world.procedure.code, "form_data": BIRTH_DATA},
        format="json",
        HTTP_IDEMPOTENCY_KEY="a1b2c3",
    )
    again = client.post(
        "/api/v1/dossiers/",
        {"procedure": world.procedure.code, "form_data": BIRTH_DATA},
        format="json",
        HTTP_IDEMPOTENCY_KEY="a1b2c3",
    )
    assert first.status_code == again.status_code == 201
    assert again.json()["code"] == first.json()["code"]
    assert again["Idempotent-Replayed"] == "true"
    assert Dossier.objects.count() == 1


def test_the_same_key_with_another_body_is_refused(api, world):
    client = as_user(api, world.citizen)
    client.post(
        "/api/v1/dossiers/",
        {"procedure": world.procedure.code, "form_data": BIRTH_DATA},
        format="json",
        HTTP_IDEMPOTENCY_KEY="k-1",
    )
    other = dict(BIRTH_DATA, child_name="Trần Văn Bình")
    response = client.post(
        "/api/v1/dossiers/",
        {"procedure": world.procedure.code, "form_data": other},
        format="json",
        HTTP_IDEMPOTENCY_KEY="k-1",
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    assert Dossier.objects.count() == 1


def test_a_refused_request_leaves_its_key_free_for_the_corrected_retry(api, world):
    client = as_user(api, world.citizen)
    bad = client.post(
        "/api/v1/dossiers/",
        {"procedure": world.procedure.code, "form_data": {}},
        format="json",
        HTTP_IDEMPOTENCY_KEY="k-2",
    )
    assert bad.status_code == 400
    good = (
        file(client, world, HTTP_IDEMPOTENCY_KEY="k-2")
        if False
        else client.post(
            "/api/v1/dossiers/",
            {"procedure": world.procedure.code, "form_data": BIRTH_DATA},
            format="json",
            HTTP_IDEMPOTENCY_KEY="k-2",
        )
    )
    assert good.status_code == 201
    assert Dossier.objects.count() == 1


def test_errors_are_json_with_code_message_and_fields(api, world):
    response = as_user(api, world.citizen).post(
        "/api/v1/dossiers/", {"procedure": world.procedure.code, "form_data": {"sex": "X"}}, format="json"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    assert error["message"] == "Biểu mẫu điện tử còn thông tin chưa hợp lệ."
    assert set(error["fields"]) == {"child_name", "birth_date", "sex"}


def test_errors_are_in_english_when_asked(api, world):
    response = as_user(api, world.citizen).post(
        "/api/v1/dossiers/",
        {"procedure": world.procedure.code, "form_data": {}},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.json()["error"]["message"] == "Some fields of the e-form are not valid."
    assert response.json()["error"]["fields"]["child_name"] == ["Please fill in Họ, chữ đệm, tên của trẻ."]


def test_malformed_json_is_a_clear_400(api, world):
    response = as_user(api, world.citizen).post(
        "/api/v1/dossiers/", data="{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


def test_anonymous_users_must_sign_in(api, world):
    response = api.get("/api/v1/dossiers/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_an_official_of_another_agency_gets_404(api, world):
    dossier = dossier_in(world, Status.SUBMITTED)
    client = as_user(api, world.other_receiver.user)
    assert client.get(f"/api/v1/dossiers/{dossier.code}/").status_code == 404
    assert client.post(f"/api/v1/dossiers/{dossier.code}/receive/").status_code == 404
    assert client.get(f"/api/v1/dossiers/{dossier.code}/history/").status_code == 404
    assert client.get("/api/v1/dossiers/").json()["results"] == []
    assert Dossier.objects.get(pk=dossier.pk).status == Status.SUBMITTED


def test_another_citizen_gets_404_for_my_dossier(api, world):
    dossier = dossier_in(world, Status.SUBMITTED)
    client = as_user(api, world.other_citizen)
    assert client.get(f"/api/v1/dossiers/{dossier.uuid}/").status_code == 404


def test_officials_list_only_their_agencies_dossiers(api, world):
    mine = dossier_in(world, Status.SUBMITTED)
    response = as_user(api, world.receiver.user).get("/api/v1/dossiers/?status=submitted")
    assert [d["code"] for d in response.json()["results"]] == [mine.code]
    assert response.json()["results"][0]["applicant"]["name"] == world.citizen.full_name


def test_a_dossier_is_driven_through_its_life_over_the_api(api, world):
    citizen = as_user(api, world.citizen)
    code = file(citizen, world).json()["code"]
    steps = [
        (world.receiver.user, "receive", {}, "received"),
        (world.receiver.user, "start-processing", {}, "processing"),
        (
            world.processor.user,
            "request-supplement",
            {"reason": "Thiếu giấy chứng sinh", "missing": ["Giấy chứng sinh"]},
            "supplement_requested",
        ),
        (world.citizen, "supplement", {"note": "Đã bổ sung"}, "processing"),
        (world.processor.user, "request-payment", {"amount": 8000}, "awaiting_payment"),
        (world.processor.user, "confirm-payment", {"reference": "VNPAY-1"}, "processing"),
        (world.leader.user, "approve", {}, "result_ready"),
        (world.receiver.user, "return", {}, "returned"),
    ]
    for user, action, body, status in steps:
        response = as_user(api, user).post(f"/api/v1/dossiers/{code}/{action}/", body, format="json")
        assert response.status_code == 200, response.json()
        assert response.json()["status"] == status
    history = as_user(api, world.citizen).get(f"/api/v1/dossiers/{code}/history/").json()
    kinds = [event["kind"] for event in history["results"]]
    assert kinds == [
        "submitted",
        "received",
        "processing_started",
        "supplement_requested",
        "supplemented",
        "payment_requested",
        "payment_confirmed",
        "approved",
        "returned",
    ]


def test_a_forbidden_transition_is_409_and_changes_nothing(api, world):
    dossier = dossier_in(world, Status.SUBMITTED)
    response = as_user(api, world.leader.user).post(f"/api/v1/dossiers/{dossier.code}/approve/")
    assert response.status_code in (403, 409)
    response = as_user(api, world.receiver.user).post(f"/api/v1/dossiers/{dossier.code}/return/")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "invalid_transition"
    assert "Mới đăng ký" in response.json()["error"]["message"]
    assert Dossier.objects.get(pk=dossier.pk).status == Status.SUBMITTED


def test_a_draft_is_saved_then_submitted(api, world):
    client = as_user(api, world.citizen)
    draft = file(client, world, submit=False, form_data={"child_name": "An"}).json()
    assert draft["status"] == "draft" and draft["code"] is None
    updated = client.patch(f"/api/v1/dossiers/{draft['id']}/", {"form_data": BIRTH_DATA}, format="json")
    assert updated.status_code == 200
    submitted = client.post(f"/api/v1/dossiers/{draft['id']}/submit/")
    assert submitted.json()["status"] == "submitted"


def test_public_lookup_shows_status_without_personal_data(api, world):
    dossier = dossier_in(world, Status.PROCESSING)
    response = api.get(f"/api/v1/lookup/{dossier.code}/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "processing"
    assert body["procedure_name"] == world.procedure.name
    assert body["due_at"] is not None
    text = json.dumps(body, ensure_ascii=False)
    for personal in (
        world.citizen.full_name,
        world.citizen.personal_id,
        world.citizen.phone,
        world.citizen.email,
    ):
        assert personal not in text
    assert api.get("/api/v1/lookup/000.00.12.H30-261123-9999/").status_code == 404


def test_an_unknown_api_path_is_a_json_404(api, db):
    response = api.get("/api/v1/khong-co/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.PROCESSING, Status.SUPPLEMENT_REQUESTED, Status.RETURNED]
)
def test_fast_output_matches_the_declared_fields(world, status):
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    from motcua.dossiers.api import DossierDetailSerializer, DossierSerializer

    dossier = dossier_in(world, status)
    request = Request(APIRequestFactory().get("/"))
    request.user = world.citizen
    for serializer in (
        DossierSerializer(dossier),
        DossierDetailSerializer(dossier, context={"request": request}),
    ):
        assert serializer.to_representation(dossier) == dict(serializer.declared_representation(dossier))


def test_a_supplement_request_must_name_what_is_missing_through_the_api_too(api, world):
    """Regression: the pages refused a supplement request naming nothing, the API accepted it."""
    dossier = dossier_in(world, Status.RECEIVED)
    client = as_user(api, world.processor.user)
    url = f"/api/v1/dossiers/{dossier.code}/request-supplement/"
    for body in ({"reason": "Thiếu giấy"}, {"reason": "Thiếu giấy", "missing": ["  "]}):
        response = client.post(url, body, format="json")
        assert response.status_code == 400
        assert "missing" in response.json()["error"]["fields"]
        dossier.refresh_from_db()
        assert dossier.status == Status.RECEIVED and dossier.paused_at is None
    response = client.post(url, {"reason": "Thiếu giấy", "missing": ["Giấy chứng sinh"]}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "supplement_requested"
