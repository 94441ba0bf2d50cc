"""The applicant's data repository: digitized once, reused at the next dossier; results filed there too."""

import pytest

from motcua.core.errors import InvalidTransition, NotFound
from motcua.documents.digitization import queue_digitization
from motcua.documents.models import Attachment, DigitizedDocument
from motcua.documents.rates import digitization_rates, of_dossier
from motcua.documents.repository import repository_of, reusable_for, reuse_documents
from motcua.documents.selectors import missing_components
from motcua.documents.services import Upload, attach_files
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua_testing.dossiers import dossier_in
from motcua_testing.factories import DocumentFactory, ProcedureFactory
from motcua_testing.files import pdf_bytes, upload
from motcua_testing.scans import SAMPLE_PAGE, image_bytes, text_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def _digitized_birth_certificate(world):
    """The counter scans the citizen's birth certificate for a first dossier; the worker OCRs it."""
    component = DocumentFactory(procedure=world.procedure, name="Giấy khai sinh", mandatory=True)
    first = dossier_in(world, Status.RECEIVED)
    (attachment,) = attach_files(
        dossier=first,
        by=world.receiver.user,
        uploads=[Upload(upload("ks.png", image_bytes(text_page(SAMPLE_PAGE), "PNG")), component)],
        stage="counter",
    )
    document = queue_digitization(attachment=attachment)
    document.refresh_from_db()
    return first, document


def _draft(world, applicant, procedure):
    return Dossier.objects.create(
        procedure=procedure,
        applicant=applicant,
        applicant_name=applicant.full_name,
        receiving_agency=world.justice,
        competent_agency=world.justice,
    )


def test_a_document_digitized_for_one_dossier_is_reused_by_the_next(world):
    first, document = _digitized_birth_certificate(world)
    assert list(repository_of(world.citizen)) == [document]

    other_procedure = ProcedureFactory(agencies=[world.justice])
    wanted = DocumentFactory(procedure=other_procedure, name="Bản sao Giấy khai sinh", mandatory=True)
    DocumentFactory(procedure=other_procedure, name="Tờ khai", mandatory=False)
    draft = _draft(world, world.citizen, other_procedure)
    offers = reusable_for(world.citizen, other_procedure.documents.all())
    assert offers == {wanted.pk: [document]}  # only the matching component is offered reuse
    assert reusable_for(world.other_citizen, other_procedure.documents.all()) == {}

    (reused,) = reuse_documents(dossier=draft, by=world.citizen, choices=[(wanted, document)])

    assert reused.reused_from == document and reused.stage == Attachment.Stage.REUSE
    assert reused.file == document.searchable  # the searchable PDF, the same stored file
    assert missing_components(draft) == []
    assert of_dossier(draft).complete  # nothing to OCR again
    reuse_documents(dossier=draft, by=world.citizen, choices=[(wanted, document)])  # a double click
    assert draft.attachments.count() == 1


def test_nobody_reuses_another_applicants_document_nor_after_submission(world):
    _first, document = _digitized_birth_certificate(world)
    component = world.procedure.documents.get()
    with pytest.raises(NotFound):
        reuse_documents(
            dossier=_draft(world, world.other_citizen, world.procedure),
            by=world.other_citizen,
            choices=[(component, document)],
        )
    submitted = dossier_in(world, Status.SUBMITTED)
    with pytest.raises(InvalidTransition):
        reuse_documents(dossier=submitted, by=world.citizen, choices=[(component, document)])
    assert not Attachment.objects.filter(reused_from=document).exists()


def test_a_signed_result_joins_the_applicants_repository_and_counts_as_issued_electronically(world):
    from motcua.signing.services import sign_result
    from motcua_testing.signing import PIN, draft_document, give_leader_a_key, result_template_for

    give_leader_a_key(world)
    dossier = dossier_in(world, Status.PROCESSING)
    other = dossier_in(world, Status.PROCESSING)
    template = result_template_for(world.procedure, needs_seal=False)
    signed = sign_result(
        document=draft_document(dossier, template, pdf_bytes("Giay chung nhan 2026")),
        by=world.leader.user,
        pin=PIN,
    )
    (kept,) = repository_of(world.citizen)
    assert kept.source == DigitizedDocument.Source.RESULT
    assert (kept.title, kept.number, kept.issuer) == (signed.title, dossier.code, "Sở Tư pháp")
    assert kept.searchable.sha256 == signed.sha256  # exactly the signed file
    assert "Giay chung nhan 2026" in kept.text

    from motcua.dossiers import services as dossier_services

    dossier_services.approve(dossier=other, by=world.leader.user)  # a paper result, not signed here
    rates = digitization_rates(Dossier.objects.all())
    assert (rates.results, rates.results_electronic, rates.result_rate) == (2, 1, 0.5)


def test_the_dossier_rate_counts_dossiers_whose_every_document_is_digitized(world):
    first, _document = _digitized_birth_certificate(world)
    half = dossier_in(world, Status.RECEIVED)
    attach_files(
        dossier=half, by=world.receiver.user, uploads=[Upload(upload("a.pdf", pdf_bytes()))], stage="counter"
    )
    dossier_in(world, Status.SUBMITTED)  # not received: not counted
    rates = digitization_rates(Dossier.objects.all())
    assert (rates.dossiers, rates.dossiers_digitized, rates.dossier_rate) == (2, 1, 0.5)
    assert of_dossier(first).complete and not of_dossier(half).complete
