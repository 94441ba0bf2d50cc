"""Filing with documents: drafts saved whole or not at all, submission needs the mandatory documents,
a supplement hands files in and restarts the clock."""

import pytest

from motcua.core.errors import ValidationFailed
from motcua.documents.models import Attachment
from motcua.documents.services import Upload
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua.paperwork.models import LookupToken
from motcua.portal import filing_services as filing
from motcua_testing.dossiers import dossier_in
from motcua_testing.factories import BIRTH_DATA, DocumentFactory
from motcua_testing.files import scanned_pdf, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


@pytest.fixture
def form_component(world):
    return DocumentFactory(procedure=world.procedure, name="Tờ khai", mandatory=True)


def test_a_draft_keeps_what_was_typed_and_the_files(world, form_component):
    draft = filing.save_draft(
        applicant=world.citizen,
        procedure=world.procedure,
        form_data={"child_name": "Nguyễn Thị An"},
        uploads=[Upload(scanned_pdf(), form_component, "doc_1")],
    )
    assert draft.status == Status.DRAFT and draft.form_data == {"child_name": "Nguyễn Thị An"}
    assert draft.attachments.get().component == form_component


def test_a_bad_file_saves_neither_the_draft_nor_the_other_files(world, form_component):
    with pytest.raises(ValidationFailed) as refused:
        filing.save_draft(
            applicant=world.citizen,
            procedure=world.procedure,
            form_data=dict(BIRTH_DATA),
            uploads=[
                Upload(scanned_pdf(), form_component, "doc_1"),
                Upload(upload("ho-khau.docx", b"PK\x03\x04 word document"), None, "doc_other"),
            ],
        )
    assert "ho-khau.docx" in refused.value.fields["doc_other"][0]
    assert not Dossier.objects.exists() and not Attachment.objects.exists()


def test_submission_without_a_mandatory_document_names_it_and_keeps_the_draft(world, form_component):
    draft = filing.save_draft(applicant=world.citizen, procedure=world.procedure, form_data=dict(BIRTH_DATA))
    with pytest.raises(ValidationFailed) as refused:
        filing.submit_online(dossier=draft, by=world.citizen)
    assert "Tờ khai" in str(refused.value.message)
    assert refused.value.fields == {f"doc_{form_component.pk}": ["Cần đính kèm giấy tờ này."]}
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.code is None


def test_a_complete_dossier_is_submitted_with_its_code_and_lookup_token(world, form_component):
    draft = filing.save_draft(
        applicant=world.citizen,
        procedure=world.procedure,
        form_data=dict(BIRTH_DATA),
        uploads=[Upload(scanned_pdf(), form_component, "doc_1")],
    )
    submitted = filing.submit_online(dossier=draft, by=world.citizen)
    assert submitted.status == Status.SUBMITTED and submitted.code.startswith(world.justice.code)
    assert LookupToken.objects.filter(dossier=submitted).exists()


def test_a_supplement_with_files_resumes_the_clock_and_is_in_the_history(world, form_component):
    dossier = dossier_in(world, Status.SUPPLEMENT_REQUESTED)
    assert dossier.paused_at is not None
    done = filing.supplement_online(
        dossier=dossier,
        by=world.citizen,
        note="Đã bổ sung giấy chứng sinh",
        uploads=[Upload(scanned_pdf("giay-chung-sinh.pdf"), form_component, "doc_1")],
    )
    assert done.status == Status.PROCESSING and done.paused_at is None
    attachment = done.attachments.get()
    assert attachment.stage == Attachment.Stage.SUPPLEMENT
    event = done.events.get(kind="supplemented")
    assert event.data == {"documents": ["giay-chung-sinh.pdf"]} and event.note == "Đã bổ sung giấy chứng sinh"


def test_an_empty_supplement_is_refused(world):
    dossier = dossier_in(world, Status.SUPPLEMENT_REQUESTED)
    with pytest.raises(ValidationFailed, match="đính kèm giấy tờ bổ sung"):
        filing.supplement_online(dossier=dossier, by=world.citizen, note="  ")
    dossier.refresh_from_db()
    assert dossier.status == Status.SUPPLEMENT_REQUESTED
