"""What OCR suggested about a document reaches the applicant only once an official has confirmed it.

Regression (issue 12): the suggested type "Giay totuythan-cancuoc cong da" (OCR of a poor photo,
folded and cut short) was the title of the document on the citizen's /kho-du-lieu/ and in the
"Dùng lại" offer. The applicant sees the name of the document component it was filed as until an
official confirms what it is. The pages are read as the citizen's browser gets them.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from motcua.documents.digitization import confirm_metadata
from motcua.documents.models import Attachment, DigitizedDocument
from motcua.documents.storage import store
from motcua.documents.validation import FileKind
from motcua.dossiers.states import Status
from motcua_testing.dossiers import dossier_in
from motcua_testing.factories import DocumentFactory
from motcua_testing.files import pdf_bytes
from motcua_testing.rendered_forms import forms_of

pytestmark = pytest.mark.django_db

GARBLED = "Giay totuythan-cancuoc cong da"
COMPONENT = "Bản sao giấy tờ tùy thân (căn cước công dân)"


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


@pytest.fixture
def component(world):
    return DocumentFactory(procedure=world.procedure, name=COMPONENT, mandatory=True)


@pytest.fixture
def digitized(world, component):
    """An identity card photographed badly, OCR'd, its suggestions not checked by anyone yet."""
    dossier = dossier_in(world, Status.RECEIVED)
    stored = store(ContentFile(pdf_bytes("cccd"), name="cccd.pdf"), kind=FileKind.PDF)
    attachment = Attachment.objects.create(
        dossier=dossier, component=component, component_name=COMPONENT, file=stored, filename="anh.jpg"
    )
    return DigitizedDocument.objects.create(
        attachment=attachment,
        dossier=dossier,
        owner=world.citizen,
        original=stored,
        searchable=stored,
        title=COMPONENT,
        state=DigitizedDocument.State.DONE,
        document_type=GARBLED,
        number="042091003817",
        issuer="CUC CANH SAT",
        confidence={"document_type": 41, "number": 88},
    )


@pytest.fixture
def citizen(client, world):
    client.force_login(world.citizen)
    return client


def test_my_documents_shows_the_component_name_until_an_official_confirms_the_type(citizen, world, digitized):
    page = citizen.get(reverse("portal:repository")).content.decode()
    assert COMPONENT in page
    assert GARBLED not in page and "042091003817" not in page and "CUC CANH SAT" not in page
    assert "Đang chờ cán bộ kiểm tra, xác nhận" in page

    confirm_metadata(
        document=digitized,
        by=world.receiver.user,
        document_type="Căn cước công dân",
        number="042091003817",
        issuer="Cục Cảnh sát quản lý hành chính về trật tự xã hội",
        issued_on=datetime.date(2024, 5, 2),
    )
    page = citizen.get(reverse("portal:repository")).content.decode()
    assert "Căn cước công dân" in page and "042091003817" in page and "02/05/2024" in page


def test_the_reuse_offer_on_the_filing_form_names_the_component_not_the_suggestion(citizen, world, digitized):
    page = citizen.get(reverse("portal:file", args=[world.procedure.code])).content.decode()
    (form,) = [f for f in forms_of(page) if f.method == "post" and any("Dùng lại" in x for x in f.labels())]
    offer = form.by_label("Dùng lại")
    assert " ".join(offer.label.split()) == f"Dùng lại: {COMPONENT}"
    assert GARBLED not in page


def test_the_supplement_page_offers_reuse_and_hands_the_document_in(citizen, world, component, digitized):
    dossier = dossier_in(world, Status.SUPPLEMENT_REQUESTED)
    page = citizen.get(reverse("portal:supplement", args=[dossier.uuid])).content.decode()
    (form,) = [f for f in forms_of(page) if f.method == "post" and any("Dùng lại" in x for x in f.labels())]
    offer = form.by_label("Dùng lại")
    assert " ".join(offer.label.split()) == f"Dùng lại: {COMPONENT}"
    offer.checked = True  # the citizen ticks "Dùng lại" and sends the form as rendered

    response = citizen.post(reverse("portal:supplement", args=[dossier.uuid]), form.data())

    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING  # the supplement was handed in, the clock resumes
    (reused,) = dossier.attachments.all()
    assert reused.reused_from == digitized and reused.stage == Attachment.Stage.REUSE
    assert reused.filename == f"{COMPONENT}.pdf"
    page = citizen.get(reverse("portal:supplement", args=[dossier.uuid]), follow=True).content.decode()
    assert GARBLED not in page


def test_the_applicant_api_hides_unchecked_suggestions_and_officials_see_their_confidence(
    client, world, digitized
):
    client.force_login(world.citizen)
    (mine,) = client.get("/api/v1/repository/").json()["results"]
    assert (mine["title"], mine["document_type"], mine["number"], mine["confidence"]) == (
        COMPONENT,
        "",
        "",
        {},
    )
    client.force_login(world.receiver.user)
    seen = client.get(f"/api/v1/digitized/{digitized.uuid}/").json()
    assert (seen["document_type"], seen["confidence"]) == (GARBLED, {"document_type": 41, "number": 88})
