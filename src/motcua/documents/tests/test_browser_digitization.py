"""In Chromium: the official watches a real worker OCR a scan and confirms its metadata; the applicant
reuses a digitized document on their next dossier instead of uploading it again."""

import re

import pytest
from conftest import screenshot

from motcua.documents.digitization import confirm_metadata, queue_digitization
from motcua.documents.models import Attachment, DigitizedDocument
from motcua.documents.services import Upload, attach_files
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua.jobs.celery import app
from motcua.portal.tests.test_browser_filing import fill_eform
from motcua_testing.browser import sign_in
from motcua_testing.catalogue import demo_procedure
from motcua_testing.dossiers import dossier_in
from motcua_testing.files import pdf_bytes, upload
from motcua_testing.jobs import running_worker
from motcua_testing.scans import SAMPLE_PAGE, image_bytes, pdf_of, text_page

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

BIRTH = "1.001193"  # Đăng ký khai sinh


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def _shot(page, name):
    screenshot(page, name)  # under test-artifacts/screenshots/; the best are copied to docs/screenshots/


@pytest.fixture
def jobs_queued():
    """Jobs go to the broker and a real ``motcua worker`` takes them, as in production."""
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


@pytest.mark.slow
def test_the_official_sees_the_ocr_progress_and_confirms_the_metadata(
    browser_page, world, jobs_queued, tmp_path, settings
):
    dossier = dossier_in(world, Status.RECEIVED)
    scan = pdf_of(
        [text_page(SAMPLE_PAGE), text_page(["Trang 2", "Nơi cư trú: phường Thành Sen, tỉnh Hà Tĩnh"])]
    )
    attach_files(
        dossier=dossier,
        by=world.receiver.user,
        uploads=[Upload(upload("ban-quet.pdf", scan))],
        stage="counter",
    )
    page = browser_page
    page.set_viewport_size({"width": 1100, "height": 900})
    sign_in(page, world.receiver.user, lands_on="/can-bo/")
    page.goto(f"/can-bo/mot-cua/ho-so/{dossier.code}/")
    page.get_by_role("link", name="Số hóa giấy tờ").click()
    page.wait_for_url(f"**/so-hoa/ho-so/{dossier.code}/")
    page.get_by_role("button", name="Số hóa", exact=True).click()
    page.wait_for_url(f"**/so-hoa/ho-so/{dossier.code}/")
    status = page.locator("#documents").get_by_role("status").first
    assert "Chờ số hóa" in status.inner_text()  # queued: the request did not OCR anything itself
    assert page.locator("progress").count() == 1
    _shot(page, "digitization-queued")

    log = tmp_path / "worker.log"
    with running_worker(log, env={"MOTCUA_STORAGE_URL": f"file://{settings.MEDIA_ROOT}"}):
        # The page polls itself (htmx, every 2 s). A fast worker can finish a short scan between two polls,
        # so the page may go straight from "queued" to "done": either proves it refreshed on its own.
        page.get_by_text(re.compile("^(Đang nhận dạng chữ|Đã số hóa)$")).first.wait_for(timeout=120_000)
        if page.get_by_text("Đang nhận dạng chữ").count():
            _shot(page, "digitization-progress")
        page.get_by_text("Đã số hóa", exact=True).wait_for(timeout=120_000)
    document = DigitizedDocument.objects.get()
    assert document.state == DigitizedDocument.State.DONE, log.read_text()[-2000:]
    assert page.get_by_label("Loại giấy tờ").input_value() == "Giấy khai sinh"  # suggested from the text
    assert page.get_by_label("Số, ký hiệu").input_value() == "125/2026/KS"
    assert page.locator("#digitized-count").inner_text() == "Đã số hóa 1/1 tệp."
    _shot(page, "digitization-done")

    page.get_by_label("Có giá trị đến").fill("2020-01-01")  # before the issue date
    page.get_by_role("button", name="Xác nhận thông tin").click()
    assert (
        "Ngày hết hiệu lực phải sau ngày cấp."
        in page.get_by_text("Ngày hết hiệu lực phải sau ngày cấp.").inner_text()
    )
    document.refresh_from_db()
    assert document.confirmed_at is None

    page.get_by_label("Có giá trị đến").fill("")
    page.get_by_label("Cơ quan cấp").fill("UBND phường Thành Sen")
    page.get_by_role("button", name="Xác nhận thông tin").click()
    page.get_by_text("Đã xác nhận", exact=True).wait_for()
    document.refresh_from_db()
    assert (document.issuer, document.confirmed_by) == ("UBND phường Thành Sen", world.receiver.user)
    _shot(page, "digitization-confirmed")

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải bản PDF/A tìm kiếm được").click()
    assert open(download.value.path(), "rb").read().startswith(b"%PDF")


def test_the_applicant_reuses_a_digitized_document_on_the_next_dossier(browser_page, world):
    procedure = demo_procedure(BIRTH, agencies=[world.justice])
    birth_note = procedure.documents.get(name__startswith="Giấy chứng sinh")
    first = dossier_in(world, Status.RECEIVED)
    page_image = text_page(
        [
            "BỆNH VIỆN ĐA KHOA TỈNH HÀ TĨNH",
            "GIẤY CHỨNG SINH",
            "Số: 88/2026/CS",
            "Họ và tên mẹ: Trần Thị Ánh Tuyết",
        ]
    )
    (scanned,) = attach_files(
        dossier=first,
        by=world.receiver.user,
        uploads=[Upload(upload("chung-sinh.png", image_bytes(page_image, "PNG")))],
        stage="counter",
    )
    held = queue_digitization(attachment=scanned)  # OCR'd inline here; a worker does it in production
    held.refresh_from_db()
    assert held.document_type == "Giấy chứng sinh"  # suggested from the text, shown to no applicant yet
    held = confirm_metadata(  # the official checks it
        document=held, by=world.receiver.user, document_type=held.document_type, number=held.number
    )

    page = browser_page
    sign_in(page, world.citizen.username, lands_on="/ho-so/")
    page.goto("/kho-du-lieu/")
    assert page.get_by_role("heading", name="Giấy chứng sinh").is_visible()
    page.goto(f"/thu-tuc/{BIRTH}/nop-ho-so/")
    fill_eform(page, procedure)
    reuse = page.get_by_label("Dùng lại: Giấy chứng sinh, số 88/2026/CS")
    reuse.check()
    for document in procedure.documents.filter(mandatory=True).exclude(pk=birth_note.pk):
        page.locator(f'input[name="doc_{document.pk}"]').set_input_files(
            {
                "name": f"g{document.pk}.pdf",
                "mimeType": "application/pdf",
                "buffer": pdf_bytes(str(document.pk)),
            }
        )
    reuse.scroll_into_view_if_needed()
    _shot(page, "repository-reuse-offer")
    page.get_by_role("button", name="Tiếp tục: xem lại hồ sơ").click()
    page.wait_for_url("**/xem-lai/")
    assert page.get_by_text("Hồ sơ còn thiếu hoặc chưa hợp lệ").count() == 0
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.wait_for_url("**/da-nop/")

    second = Dossier.objects.get(procedure=procedure)
    reused = Attachment.objects.get(dossier=second, component=birth_note)
    assert reused.reused_from == held and reused.stage == Attachment.Stage.REUSE
    page.goto("/kho-du-lieu/")
    assert second.code in page.locator("main").inner_text()  # "Đã dùng lại cho" the new dossier
    _shot(page, "repository-my-documents")
