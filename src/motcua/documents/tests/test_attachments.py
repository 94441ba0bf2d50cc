"""Attaching files to dossiers: stored once by content, all or nothing, only where allowed."""

import pytest
from django.core.files.storage import default_storage

from motcua.core.errors import Forbidden, InvalidTransition, ValidationFailed
from motcua.documents.models import Attachment, StoredFile
from motcua.documents.selectors import attachment_for, missing_components
from motcua.documents.services import Upload, attach_files, remove_attachment
from motcua.dossiers.states import Status
from motcua_testing.dossiers import dossier_in, perform
from motcua_testing.factories import DocumentFactory
from motcua_testing.files import image_bytes, pdf_bytes, scanned_pdf, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def test_the_same_scan_attached_twice_is_stored_once(world):
    component = DocumentFactory(procedure=world.procedure)
    first = dossier_in(world, Status.DRAFT)
    second = dossier_in(world, Status.DRAFT)
    attach_files(dossier=first, by=world.citizen, uploads=[Upload(scanned_pdf(), component)])
    attach_files(dossier=second, by=world.citizen, uploads=[Upload(scanned_pdf("ban-sao.pdf"), component)])
    assert StoredFile.objects.count() == 1
    stored = StoredFile.objects.get()
    assert Attachment.objects.filter(file=stored).count() == 2
    assert stored.name == f"documents/{stored.sha256[:2]}/{stored.sha256[2:4]}/{stored.sha256}"
    with default_storage.open(stored.name, "rb") as handle:
        assert handle.read() == pdf_bytes()


def test_one_bad_file_refuses_the_whole_batch(world):
    component = DocumentFactory(procedure=world.procedure)
    draft = dossier_in(world, Status.DRAFT)
    with pytest.raises(ValidationFailed) as refused:
        attach_files(
            dossier=draft,
            by=world.citizen,
            uploads=[
                Upload(scanned_pdf(), component, field="doc_a"),
                Upload(upload("virus.jpg", b"#!/bin/sh\nrm -rf /"), component, field="doc_b"),
            ],
        )
    assert list(refused.value.fields) == ["doc_b"]
    assert "virus.jpg" in refused.value.fields["doc_b"][0]
    assert not Attachment.objects.exists() and not StoredFile.objects.exists()


def test_the_dossier_limit_counts_what_is_already_attached(world, settings):
    settings.MAX_DOSSIER_BYTES = len(pdf_bytes()) + 10
    draft = dossier_in(world, Status.DRAFT)
    attach_files(dossier=draft, by=world.citizen, uploads=[Upload(scanned_pdf())])
    with pytest.raises(ValidationFailed, match="Tổng dung lượng"):
        attach_files(dossier=draft, by=world.citizen, uploads=[Upload(upload("a.png", image_bytes("PNG")))])
    assert draft.attachments.count() == 1


def test_the_identical_file_for_the_same_component_is_not_attached_again(world):
    component = DocumentFactory(procedure=world.procedure)
    draft = dossier_in(world, Status.DRAFT)
    attach_files(dossier=draft, by=world.citizen, uploads=[Upload(scanned_pdf(), component)])
    again = attach_files(dossier=draft, by=world.citizen, uploads=[Upload(scanned_pdf(), component)])
    assert again == [] and draft.attachments.count() == 1


def test_only_the_applicant_attaches_to_a_draft_and_only_while_it_is_a_draft(world):
    draft = dossier_in(world, Status.DRAFT)
    with pytest.raises(Forbidden):
        attach_files(dossier=draft, by=world.other_citizen, uploads=[Upload(scanned_pdf())])
    submitted = dossier_in(world, Status.SUBMITTED)
    with pytest.raises(InvalidTransition):
        attach_files(dossier=submitted, by=world.citizen, uploads=[Upload(scanned_pdf())])


def test_a_component_of_another_procedure_is_refused(world):
    elsewhere = DocumentFactory()
    draft = dossier_in(world, Status.DRAFT)
    with pytest.raises(ValidationFailed) as refused:
        attach_files(dossier=draft, by=world.citizen, uploads=[Upload(scanned_pdf(), elsewhere, "doc_x")])
    assert refused.value.fields == {"doc_x": ["Thành phần hồ sơ không thuộc thủ tục này."]}


def test_a_receiver_attaches_scans_at_the_counter(world):
    received = dossier_in(world, Status.RECEIVED)
    (scan,) = attach_files(
        dossier=received,
        by=world.receiver.user,
        uploads=[Upload(scanned_pdf())],
        stage=Attachment.Stage.COUNTER,
    )
    assert scan.stage == Attachment.Stage.COUNTER
    with pytest.raises(Forbidden):
        attach_files(
            dossier=received,
            by=world.other_receiver.user,
            uploads=[Upload(scanned_pdf("x.pdf", "khac"))],
            stage=Attachment.Stage.COUNTER,
        )


def test_files_are_visible_to_the_applicant_and_the_agency_not_to_others(world):
    draft = dossier_in(world, Status.DRAFT)
    (attached,) = attach_files(dossier=draft, by=world.citizen, uploads=[Upload(scanned_pdf())])
    assert attachment_for(world.citizen, str(attached.uuid)) == attached
    perform(world, draft, "submit")
    assert attachment_for(world.receiver.user, str(attached.uuid)) == attached
    from motcua.core.errors import NotFound

    with pytest.raises(NotFound):
        attachment_for(world.other_citizen, str(attached.uuid))
    with pytest.raises(NotFound):
        attachment_for(world.other_receiver.user, str(attached.uuid))


def test_missing_components_are_the_mandatory_ones_without_files(world):
    needed = DocumentFactory(procedure=world.procedure, mandatory=True, name="Tờ khai")
    DocumentFactory(procedure=world.procedure, mandatory=False, name="Giấy ủy quyền")
    draft = dossier_in(world, Status.DRAFT)
    assert missing_components(draft) == [needed]
    attach_files(dossier=draft, by=world.citizen, uploads=[Upload(scanned_pdf(), needed)])
    assert missing_components(draft) == []


def test_a_file_is_removed_from_a_draft_but_never_from_a_submitted_dossier(world):
    draft = dossier_in(world, Status.DRAFT)
    (attached,) = attach_files(dossier=draft, by=world.citizen, uploads=[Upload(scanned_pdf())])
    remove_attachment(attachment=attached, by=world.citizen)
    assert not draft.attachments.exists()
    (kept,) = attach_files(dossier=draft, by=world.citizen, uploads=[Upload(scanned_pdf())])
    draft.status = Status.SUBMITTED
    draft.save(update_fields=["status"])
    with pytest.raises(InvalidTransition):
        remove_attachment(attachment=kept, by=world.citizen)
