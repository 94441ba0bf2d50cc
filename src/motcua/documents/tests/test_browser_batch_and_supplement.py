"""In Chromium: an official watches a batch's progress (pages done of the total, time left) update by
itself until the batch is done; an applicant asked for a supplement reuses a digitized document
from their repository instead of uploading it again."""

import datetime
import re

import pytest
from conftest import screenshot
from django.core.files.base import ContentFile
from django.utils import timezone

from motcua.documents.digitization import confirm_metadata
from motcua.documents.models import Attachment, DigitizedDocument
from motcua.documents.storage import store
from motcua.documents.validation import FileKind
from motcua.dossiers.states import Status
from motcua_testing.browser import sign_in
from motcua_testing.dossiers import digitized_document, dossier_in
from motcua_testing.factories import DocumentFactory
from motcua_testing.files import pdf_bytes

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def test_the_official_sees_the_batch_progress_and_time_left_update_by_itself(browser_page, world):
    dossier = dossier_in(world, Status.RECEIVED)
    now = timezone.now()
    queued = now - datetime.timedelta(seconds=30)  # three files queued together
    digitized_document(
        dossier,
        "a",
        state="done",
        pages_done=4,
        pages_total=4,
        created_at=queued,
        started_at=now - datetime.timedelta(seconds=20),
    )
    running = digitized_document(
        dossier,
        "b",
        state="running",
        pages_done=6,
        pages_total=16,
        created_at=queued,
        started_at=now - datetime.timedelta(seconds=10),
    )
    waiting = digitized_document(dossier, "c", state="queued", created_at=queued)

    page = browser_page
    page.set_viewport_size({"width": 1100, "height": 900})
    sign_in(page, world.receiver.user, lands_on="/can-bo/")
    page.goto(f"/can-bo/mot-cua/ho-so/{dossier.code}/")
    page.get_by_role("link", name="Số hóa giấy tờ").click()
    page.wait_for_url(f"**/so-hoa/ho-so/{dossier.code}/")
    progress = page.get_by_text(re.compile("Đang số hóa: 10/20 trang"))
    progress.wait_for()
    assert re.search(r"còn khoảng \d+ giây", progress.inner_text())
    screenshot(page, "digitization-batch-progress")

    # the worker moves on: the page shows it without being reloaded (it polls itself)
    DigitizedDocument.objects.filter(pk=running.pk).update(state="done", pages_done=16)
    DigitizedDocument.objects.filter(pk=waiting.pk).update(
        state="running", pages_done=1, pages_total=2, started_at=timezone.now()
    )
    page.get_by_text(re.compile("Đang số hóa: 21/22 trang")).wait_for(timeout=60_000)
    DigitizedDocument.objects.filter(pk=waiting.pk).update(state="done", pages_done=2)
    page.get_by_text(re.compile("Đang số hóa:")).wait_for(state="detached", timeout=60_000)
    assert page.locator("#digitized-count").inner_text() == "Đã số hóa 3/3 tệp."


def test_the_applicant_reuses_a_digitized_document_on_the_supplement_page(browser_page, world):
    component = DocumentFactory(procedure=world.procedure, name="Giấy chứng sinh", mandatory=True)
    first = dossier_in(world, Status.RECEIVED)
    stored = store(ContentFile(pdf_bytes("chung-sinh"), name="cs.pdf"), kind=FileKind.PDF)
    attachment = Attachment.objects.create(
        dossier=first, component=component, component_name=component.name, file=stored, filename="cs.pdf"
    )
    held = DigitizedDocument.objects.create(
        attachment=attachment,
        dossier=first,
        owner=world.citizen,
        original=stored,
        searchable=stored,
        title=component.name,
        state=DigitizedDocument.State.DONE,
        document_type="Giấy chứng sinh",
        number="88/2026/CS",
    )
    confirm_metadata(
        document=held, by=world.receiver.user, document_type="Giấy chứng sinh", number="88/2026/CS"
    )
    asked = dossier_in(world, Status.SUPPLEMENT_REQUESTED)

    page = browser_page
    sign_in(page, world.citizen.username, lands_on="/ho-so/")
    page.goto(f"/ho-so/{asked.uuid}/bo-sung/")
    reuse = page.get_by_label(re.compile("Dùng lại: Giấy chứng sinh, số 88/2026/CS"))
    reuse.check()
    screenshot(page, "supplement-reuse-offer")
    page.get_by_role("button", name="Nộp bổ sung").click()
    page.wait_for_url(f"**/ho-so/{asked.uuid}/")

    asked.refresh_from_db()
    assert asked.status == Status.PROCESSING  # handed in: the clock resumes
    (reused,) = asked.attachments.all()
    assert reused.reused_from == held and reused.stage == Attachment.Stage.REUSE
