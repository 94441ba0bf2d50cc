"""A draft is the applicant's alone: no official, however senior, reads it or its files."""

import pytest

from motcua.documents.services import Upload, attach_files
from motcua.dossiers.states import Status
from motcua.testing.dossiers import dossier_in
from motcua.testing.factories import DocumentFactory
from motcua.testing.files import scanned_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


@pytest.fixture
def draft_with_file(world):
    draft = dossier_in(world, Status.DRAFT)
    component = DocumentFactory(procedure=world.procedure)
    attach_files(dossier=draft, by=world.citizen, uploads=[Upload(scanned_pdf(), component)])
    return draft


def test_the_communes_receiver_does_not_list_drafts(api, world, draft_with_file):
    api.force_authenticate(world.receiver.user)
    listed = api.get("/api/v1/dossiers/", {"status": "draft"}).json()
    assert listed["results"] == []
    assert api.get(f"/api/v1/dossiers/{draft_with_file.uuid}/").status_code == 404


def test_officials_cannot_open_a_drafts_documents_or_files(api, client, world, draft_with_file):
    attachment = draft_with_file.attachments.get()
    for official in (world.receiver.user, world.processor.user, world.leader.user):
        api.force_authenticate(official)
        assert api.get(f"/api/v1/dossiers/{draft_with_file.uuid}/documents/").status_code == 404
        client.force_login(official)
        assert client.get(f"/tep/{attachment.uuid}/").status_code == 404


def test_the_applicant_still_sees_their_own_draft(api, world, draft_with_file):
    api.force_authenticate(world.citizen)
    assert len(api.get("/api/v1/dossiers/", {"status": "draft"}).json()["results"]) == 1
    assert api.get(f"/api/v1/dossiers/{draft_with_file.uuid}/documents/").status_code == 200
