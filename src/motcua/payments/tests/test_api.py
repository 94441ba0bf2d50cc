"""The payments API of a dossier: the applicant starts a payment and lists them; others see nothing."""

import pytest

from motcua.catalogue.models import Fee
from motcua.dossiers.states import Status
from motcua_testing.dossiers import dossier_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def awaiting(world):
    Fee.objects.create(procedure=world.procedure, name="Lệ phí", amount=50_000)
    return dossier_in(world, Status.AWAITING_PAYMENT)


def test_applicant_starts_a_payment_and_gets_the_gateway_url(api, world, awaiting):
    api.force_authenticate(world.citizen)
    answer = api.post(f"/api/v1/dossiers/{awaiting.code}/payments/")
    assert answer.status_code == 201
    body = answer.json()
    assert body["payment"]["amount"] == 50_000 and body["payment"]["status"] == "pending"
    assert "vnp_Amount=5000000" in body["payment_url"] and "vnp_SecureHash=" in body["payment_url"]
    listed = api.get(f"/api/v1/dossiers/{awaiting.code}/payments/").json()
    assert listed["count"] == 1 and listed["results"][0]["reference"] == body["payment"]["reference"]


def test_nothing_due_is_a_clear_error(api, world):
    dossier = dossier_in(world, Status.PROCESSING)
    api.force_authenticate(world.citizen)
    answer = api.post(f"/api/v1/dossiers/{dossier.code}/payments/", HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code in (400, 409)
    assert answer.json()["error"]["message"] == "This dossier has no fees to pay now."


def test_another_citizen_sees_no_such_dossier(api, world, awaiting):
    api.force_authenticate(world.other_citizen)
    assert api.get(f"/api/v1/dossiers/{awaiting.code}/payments/").status_code == 404
    assert api.post(f"/api/v1/dossiers/{awaiting.code}/payments/").status_code == 404
