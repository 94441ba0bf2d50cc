"""Results over the API: draft, sign with a PIN, verify publicly."""

import pytest

from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua_testing.dossiers import dossier_in
from motcua_testing.signing import (
    PIN,
    draft_document,
    give_agency_a_seal,
    give_leader_a_key,
    result_template_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(world, api, unsigned_pdf):
    give_leader_a_key(world)
    give_agency_a_seal(world.justice)
    dossier = dossier_in(world, Status.PROCESSING)
    document = draft_document(dossier, result_template_for(world.procedure), unsigned_pdf)
    api.force_authenticate(world.leader.user)
    response = api.post(f"/api/v1/results/{document.token}/sign/", {"pin": PIN}, format="json")
    api.force_authenticate(None)
    assert response.status_code == 200, response.json()
    return response.json()


def test_the_leader_signs_over_the_api_and_the_dossier_has_its_result(signed, world):
    assert signed["state"] == "signed"
    assert [s["role"] for s in signed["signers"]] == ["leader", "seal"]
    assert Dossier.objects.get(code=signed["dossier"]).status == Status.RESULT_READY


def test_anyone_verifies_a_result_by_its_token_without_seeing_the_applicant(api, signed, world):
    body = api.get(f"/api/v1/results/{signed['token']}/").json()
    assert body["check"]["valid"] is True
    assert len(body["check"]["signatures"]) == 2
    assert world.citizen.full_name not in str(body)
    assert body["holder"].startswith(world.citizen.full_name.split()[0])


def test_uploading_the_issued_file_verifies_it_and_a_changed_copy_fails(api, signed, world):
    from motcua.signing.models import ResultDocument

    pdf = ResultDocument.objects.get(token=signed["token"]).signed_pdf.read()
    from django.core.files.uploadedfile import SimpleUploadedFile

    ok = api.post(
        "/api/v1/results/verify/", {"file": SimpleUploadedFile("kq.pdf", pdf)}, format="multipart"
    ).json()
    assert ok["valid"] is True and ok["issued_token"] == signed["token"]
    changed = bytearray(pdf)
    changed[pdf.index(b"stream", len(pdf) // 4) + 20] ^= 0x01
    bad = api.post(
        "/api/v1/results/verify/", {"file": SimpleUploadedFile("kq.pdf", bytes(changed))}, format="multipart"
    ).json()
    assert bad["valid"] is False and bad["issued_token"] is None


def test_a_file_that_is_not_a_pdf_is_refused_clearly(api, db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = api.post(
        "/api/v1/results/verify/", {"file": SimpleUploadedFile("a.pdf", b"GIF89a....")}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["file"] == ["Tệp không phải PDF."]


def test_a_wrong_pin_over_the_api_is_403_and_nothing_is_signed(api, world, unsigned_pdf):
    give_leader_a_key(world)
    dossier = dossier_in(world, Status.PROCESSING)
    document = draft_document(dossier, result_template_for(world.procedure), unsigned_pdf)
    api.force_authenticate(world.leader.user)
    response = api.post(f"/api/v1/results/{document.token}/sign/", {"pin": "999999"}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "wrong_pin"
    assert Dossier.objects.get(pk=dossier.pk).status == Status.PROCESSING


def test_an_official_of_another_agency_cannot_see_or_sign(api, world, unsigned_pdf):
    give_leader_a_key(world)
    dossier = dossier_in(world, Status.PROCESSING)
    document = draft_document(dossier, result_template_for(world.procedure), unsigned_pdf)
    api.force_authenticate(world.other_receiver.user)
    assert api.post(f"/api/v1/results/{document.token}/sign/", {"pin": PIN}, format="json").status_code == 404
    assert api.get(f"/api/v1/dossiers/{dossier.code}/results/").status_code == 404
