"""The officials' journey in Chromium, by the links and buttons the pages show from /can-bo/:
the receiver receives and hands over, the processor opens the files, drafts the result and hands
over (with a double click), the leader finds it waiting for a signature and signs with the PIN,
the receiver returns it with the fee shown and collected."""

from __future__ import annotations

import pytest
from conftest import SCREENSHOTS, screenshot

from motcua.demo.forms import sample_form_data
from motcua.documents.services import Upload
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.states import Status
from motcua.portal import filing_services as filing
from motcua_testing.browser import sign_in, sign_out, tile
from motcua_testing.catalogue import demo_procedure
from motcua_testing.files import scanned_pdf
from motcua_testing.pdf import pdf_text, pdf_to_png
from motcua_testing.signing import PIN, give_leader_a_key, result_template_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser, pytest.mark.slow]

AUCTIONEER = "1.003915"  # Cấp Chứng chỉ hành nghề đấu giá: 800.000 đồng, documents, an e-form


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def online_dossier(world, procedure):
    uploads = [
        Upload(scanned_pdf(f"giay-to-{d.pk}.pdf", d.name[:40]), d, f"doc_{d.pk}")
        for d in procedure.documents.filter(mandatory=True)
    ]
    draft = filing.save_draft(
        applicant=world.citizen,
        procedure=procedure,
        form_data=sample_form_data(procedure.form_schema),
        uploads=uploads,
    )
    return filing.submit_online(dossier=draft, by=world.citizen)


def test_receive_process_sign_and_return_with_the_fee(browser_page, world):
    for official, name in (
        (world.receiver, "Trần Thị Thu Hà"),
        (world.processor, "Lê Văn Thẩm"),
        (world.leader, "Nguyễn Thị Lãnh"),
    ):
        official.user.full_name = name
        official.user.save()
    procedure = demo_procedure(AUCTIONEER, agencies=[world.justice])
    result_template_for(procedure, needs_seal=False)
    give_leader_a_key(world)
    dossier = online_dossier(world, procedure)
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})

    # The receiver: home → waiting for reception → receive → hand over for processing.
    sign_in(page, world.receiver.user, lands_on="/can-bo/")
    assert tile(page, "Chờ tiếp nhận").locator(".tile-count").inner_text() == "1"
    screenshot(page, "officials-home-receiver")
    tile(page, "Chờ tiếp nhận").click()
    page.get_by_role("link", name=dossier.code).click()
    page.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    assert "Đã tiếp nhận hồ sơ" in page.get_by_role("status").inner_text()
    page.get_by_role("button", name="Chuyển xử lý").click()
    assert "Đã chuyển hồ sơ sang bước xử lý tiếp theo." in page.get_by_role("status").inner_text()
    sign_out(page)

    # The processor: home → to do → the dossier page: the files, drafting, then hand over.
    sign_in(page, world.processor.user, lands_on="/can-bo/")
    tile(page, "Cần xử lý").click()
    page.get_by_role("link", name=dossier.code).click()
    first_file = dossier.attachments.order_by("id").first()
    with page.expect_download() as download:
        page.get_by_role("link", name=first_file.filename).click()
    assert download.value.path().read_bytes().startswith(b"%PDF")
    screenshot(page, "workspace-dossier-files")
    page.get_by_role("link", name="Lập dự thảo, ký số kết quả").click()
    page.get_by_role("button", name="Lập dự thảo kết quả từ mẫu").click()
    page.get_by_role("link", name="Tải dự thảo (PDF) để đọc trước khi ký").wait_for(timeout=90_000)
    page.get_by_role("link", name=f"Hồ sơ {dossier.code}").click()
    page.get_by_label("Ý kiến, đề xuất").fill("Đủ điều kiện, đề nghị cấp chứng chỉ")
    page.get_by_role("button", name="Chuyển bước tiếp theo").dblclick()
    page.wait_for_load_state()
    assert "Đã chuyển hồ sơ sang bước tiếp theo." in page.get_by_role("status").inner_text()
    assert "không giao cho bạn" not in page.locator("main").inner_text()
    assert DossierEvent.objects.filter(dossier=dossier, kind="handed_over").count() == 1
    sign_out(page)

    # The leader: home → waiting for signature → the dossier → read the draft and sign.
    sign_in(page, world.leader.user, lands_on="/can-bo/")
    assert tile(page, "Chờ ký duyệt").locator(".tile-count").inner_text() == "1"
    tile(page, "Chờ ký duyệt").click()
    screenshot(page, "workspace-waiting-for-signature")
    page.get_by_role("link", name=dossier.code).click()
    screenshot(page, "workspace-dossier-leader-sign")
    page.get_by_role("link", name="Xem dự thảo và ký số").click()
    page.get_by_label("Mã PIN khóa ký số").fill(PIN)
    page.get_by_role("button", name="Ký số và phê duyệt").click()
    assert "Đã ký số" in page.get_by_role("status").inner_text()
    dossier.refresh_from_db()
    assert dossier.status == Status.RESULT_READY
    sign_out(page)

    # The receiver: home → results to return → the fee due, the signed result, the receipt number.
    sign_in(page, world.receiver.user, lands_on="/can-bo/")
    tile(page, "Chờ trả kết quả").click()
    page.get_by_role("link", name=dossier.code).click()
    assert page.locator("#fee-total").inner_text() == "800.000 đ"
    assert page.get_by_role("link", name="Tải kết quả đã ký").is_visible()
    page.get_by_label("Số biên lai thu phí, lệ phí").fill("BL-2026-0042")
    page.get_by_label("Tiền mặt").check()
    screenshot(page, "counter-return-with-fee")
    page.get_by_role("button", name="Trả kết quả").click()
    assert "Đã trả kết quả" in page.get_by_role("status").inner_text()
    record_url = page.get_by_role("link", name="In biên bản giao nhận kết quả").get_attribute("href")
    record = page.request.get(record_url)
    text = " ".join(pdf_text(record.body()).split())
    assert "đã thu 800.000 đồng (tiền mặt; biên lai số BL-2026-0042)" in text
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf_to_png(record.body(), SCREENSHOTS / "paper-handover-with-fee.png")
