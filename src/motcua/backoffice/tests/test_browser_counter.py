"""At the counter: the queue of online dossiers, reception with the receipt, walk-in reception, return."""

import pytest
from conftest import SCREENSHOTS, screenshot

from motcua.demo.forms import sample_form_data
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua.portal import filing_services as filing
from motcua_testing.browser import sign_in
from motcua_testing.catalogue import demo_procedure
from motcua_testing.dossiers import dossier_in
from motcua_testing.files import scanned_pdf
from motcua_testing.pdf import pdf_text, pdf_to_png

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

BIRTH = "1.001193"


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def _online_dossier(world, procedure):
    from motcua.documents.services import Upload

    uploads = [
        Upload(scanned_pdf(f"{d.pk}.pdf", str(d.pk)), d, f"doc_{d.pk}")
        for d in procedure.documents.filter(mandatory=True)
    ]
    draft = filing.save_draft(
        applicant=world.citizen,
        procedure=procedure,
        form_data=sample_form_data(procedure.form_schema),
        uploads=uploads,
    )
    return filing.submit_online(dossier=draft, by=world.citizen)


def test_a_receiver_receives_an_online_dossier_and_prints_the_receipt(browser_page, world):
    world.receiver.user.full_name = "Trần Thị Thu Hà"
    world.receiver.user.save()
    procedure = demo_procedure(BIRTH, agencies=[world.justice])
    dossier = _online_dossier(world, procedure)
    others = [dossier_in(world, Status.SUBMITTED) for _ in range(2)]
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, world.receiver.user, lands_on="/can-bo/")
    page.get_by_role("link", name="Tiếp nhận, trả kết quả").click()
    assert page.get_by_role("link", name=dossier.code).is_visible()
    assert all(page.get_by_role("link", name=d.code).is_visible() for d in others)
    screenshot(page, "counter-queue")

    page.get_by_role("link", name=dossier.code).click()
    page.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    assert "Đã tiếp nhận hồ sơ" in page.get_by_role("status").inner_text()
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED
    screenshot(page, "counter-dossier-received")

    receipt_url = page.get_by_role("link", name="In giấy tiếp nhận, hẹn trả (Mẫu 01)").get_attribute("href")
    receipt = page.request.get(receipt_url)
    assert receipt.headers["content-type"] == "application/pdf"
    text = pdf_text(receipt.body())
    assert dossier.code in text and "Trần Thị Thu Hà" in text
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf_to_png(receipt.body(), SCREENSHOTS / "counter-receipt-pdf.png")


def test_walk_in_reception_with_an_invalid_personal_id_then_a_valid_one(browser_page, world):
    procedure = demo_procedure(BIRTH, agencies=[world.justice])
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, world.receiver.user, lands_on="/can-bo/")
    page.get_by_role("link", name="Tiếp nhận trực tiếp").click()
    page.get_by_label("Số định danh cá nhân (CCCD) hoặc mã số thuế của người nộp").fill("04219500123")
    page.get_by_role("button", name="Tìm").click()
    assert "phải có đúng 12 chữ số (đang có 11)" in page.get_by_role("alert").inner_text()

    page.get_by_label("Số định danh cá nhân (CCCD) hoặc mã số thuế của người nộp").fill(
        world.citizen.personal_id
    )
    page.get_by_label("Tìm thủ tục").fill("khai sinh")
    page.get_by_role("link", name="Chọn thủ tục này Thủ tục đăng ký khai sinh").click()
    page.wait_for_url(f"**/tiep-nhan/{BIRTH}/**")
    for document in procedure.documents.filter(mandatory=True):
        page.locator(f"#doc-{document.pk}").check()
    for name, value in sample_form_data(procedure.form_schema).items():
        spec = procedure.form_schema["properties"][name]
        if spec.get("enum") and len(spec["enum"]) <= 4:
            page.locator(f'input[name="f_{name}"][value="{value}"]').check()
        elif spec.get("enum"):
            page.locator(f'[name="f_{name}"]').select_option(str(value))
        else:
            page.locator(f'[name="f_{name}"]').fill(str(value))
    screenshot(page, "counter-walk-in")
    page.get_by_role("button", name="Tiếp nhận và tạo hồ sơ").dblclick()
    page.wait_for_url("**/mot-cua/ho-so/**")
    dossier = Dossier.objects.get(procedure=procedure)
    assert dossier.status == Status.RECEIVED and dossier.channel == "counter"
    assert page.get_by_role("link", name="In giấy tiếp nhận, hẹn trả (Mẫu 01)").is_visible()
