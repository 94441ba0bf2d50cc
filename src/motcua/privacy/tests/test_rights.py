"""Decree 13/2023: the applicant downloads all that is held about them; consents; erasure where allowed."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from motcua.audit.models import Action, AuditEntry
from motcua.core.errors import ValidationFailed
from motcua.documents.services import Upload, attach_files
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua.privacy.models import Consent
from motcua.privacy.services import handle_erasure, record_consent
from motcua_testing.dossiers import dossier_in
from motcua_testing.factories import UserFactory
from motcua_testing.files import pdf_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(db):
    return UserFactory(is_superuser=True, is_staff=True, kind="official")


def test_the_applicant_downloads_their_data_and_files_as_a_zip(world, client):
    dossier = dossier_in(world, Status.RECEIVED)
    content = pdf_bytes("to khai khai sinh")
    attach_files(
        dossier=dossier,
        by=world.receiver.user,
        uploads=[Upload(file=upload("to-khai.pdf", content), component=None, field="scan")],
        stage="counter",
    )
    dossier_in(world, Status.DRAFT)
    client.force_login(world.citizen)
    response = client.get("/du-lieu-cua-toi.zip")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("data.json"))
    assert data["account"]["personal_id"] == world.citizen.personal_id
    assert {d["status"] for d in data["dossiers"]} == {Status.RECEIVED, Status.DRAFT}
    received = next(d for d in data["dossiers"] if d["code"] == dossier.code)
    assert received["form_data"]["child_name"] == "Nguyễn Thị An"
    assert [e["event"] for e in received["history"]] == ["submitted", "received"]
    assert archive.read(received["files"][0]["path"]) == content
    assert AuditEntry.objects.filter(action=Action.EXPORT, object_ref=world.citizen.username).exists()


def test_the_download_holds_nobody_elses_dossiers(world, api):
    dossier_in(world, Status.SUBMITTED)
    api.force_authenticate(world.other_citizen)
    archive = zipfile.ZipFile(io.BytesIO(api.get("/api/v1/me/data/").content))
    assert json.loads(archive.read("data.json"))["dossiers"] == []
    api.force_authenticate(world.processor.user)
    assert api.get("/api/v1/me/data/").status_code == 403


def test_an_administrator_records_consent_and_it_is_logged(world, administrator):
    record_consent(by=administrator, user=world.citizen, purpose="Nhận thông báo qua SMS", given=True)
    assert Consent.objects.get(user=world.citizen).given
    assert AuditEntry.objects.filter(action=Action.PRIVACY, object_ref=world.citizen.username).exists()
    with pytest.raises(ValidationFailed):
        record_consent(by=administrator, user=world.citizen, purpose=" ", given=True)


def test_erasure_is_refused_while_a_dossier_is_being_processed_and_nothing_changes(world, administrator):
    dossier = dossier_in(world, Status.PROCESSING)
    with pytest.raises(ValidationFailed) as refused:
        handle_erasure(by=administrator, user=world.citizen, reason="Yêu cầu của chủ thể")
    assert dossier.code in str(refused.value.message)
    world.citizen.refresh_from_db()
    assert world.citizen.is_active and world.citizen.personal_id


def test_erasure_archives_closed_dossiers_and_erases_the_account(world, administrator, client):
    from motcua_testing.factories import PASSWORD

    returned = dossier_in(world, Status.RETURNED)
    draft = dossier_in(world, Status.DRAFT)
    request = handle_erasure(by=administrator, user=world.citizen, reason="Đơn yêu cầu ngày 20/11")
    assert request.archived_dossiers == [returned.code]
    world.citizen.refresh_from_db()
    assert (world.citizen.personal_id, world.citizen.phone, world.citizen.is_active) == (None, "", False)
    returned.refresh_from_db()
    assert (
        returned.status == Status.RETURNED and returned.applicant_name
    )  # the archived record is kept as it was
    draft.refresh_from_db()
    assert (draft.status, draft.form_data) == (Status.WITHDRAWN, {})
    assert not client.login(username=request.reference, password=PASSWORD)
    assert Dossier.objects.filter(pk=returned.pk).exists()


def test_the_administrator_records_consent_in_the_admin(world, administrator, client):
    client.force_login(administrator)
    response = client.post(
        "/admin/privacy/consent/add/",
        {"user": world.citizen.pk, "purpose": "Chia sẻ dữ liệu với Bưu điện", "given": "on", "note": ""},
    )
    assert response.status_code == 302
    consent = Consent.objects.get(user=world.citizen)
    assert consent.recorded_by == administrator and consent.given


def test_the_admins_erasure_form_says_why_it_cannot_erase_yet(world, administrator, client):
    dossier = dossier_in(world, Status.SUPPLEMENT_REQUESTED)
    client.force_login(administrator)
    response = client.post("/admin/privacy/erasurerequest/add/", {"user": world.citizen.pk, "reason": "Đơn"})
    assert response.status_code == 200
    assert dossier.code in response.content.decode()
    world.citizen.refresh_from_db()
    assert world.citizen.is_active
    response = client.post(
        "/admin/privacy/erasurerequest/add/", {"user": world.other_citizen.pk, "reason": "Đơn"}
    )
    assert response.status_code == 302
    world.other_citizen.refresh_from_db()
    assert not world.other_citizen.is_active


def test_an_erased_draft_is_withdrawn_in_its_history_for_audit_and_outbox(world, administrator):
    """Regression: erasure used to set the status by hand, so consumers never heard ``dossier.withdrawn``."""
    from motcua.dossiers.models import DossierEvent
    from motcua.integration.models import OutboxEvent

    draft = dossier_in(world, Status.DRAFT)
    handle_erasure(by=administrator, user=world.citizen, reason="Đơn yêu cầu ngày 20/11")
    withdrawn = DossierEvent.objects.get(dossier=draft, kind="withdrawn")
    assert (withdrawn.from_status, withdrawn.to_status, withdrawn.actor) == (
        Status.DRAFT,
        Status.WITHDRAWN,
        administrator,
    )
    assert OutboxEvent.objects.filter(event=withdrawn).exists()
    assert AuditEntry.objects.filter(
        action=Action.CHANGE, object_type="dossier", detail__event="withdrawn", detail__seq=withdrawn.seq
    ).exists()


def test_the_download_lists_each_read_of_national_data_with_its_consent(world, client):
    from django.utils import timezone

    from motcua.accounts.models import DataFetch

    at = timezone.now()
    DataFetch.objects.create(
        user=world.citizen,
        source="population",
        purpose="1.000001",
        fields=["full_name"],
        consented_at=at,
        fetched_at=at,
    )
    client.force_login(world.citizen)
    archive = zipfile.ZipFile(io.BytesIO(client.get("/du-lieu-cua-toi.zip").content))
    data = json.loads(archive.read("data.json"))
    assert data["national_data_fetches"] == [
        {
            "source": "population",
            "purpose": "1.000001",
            "fields": ["full_name"],
            "consented_at": at.isoformat(),
            "fetched_at": at.isoformat(),
        }
    ]
