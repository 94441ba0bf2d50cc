"""One dossier's whole life in Chromium, each person starting from the home page and going on only by
the links and buttons the pages show (no typed address after ``/``):

a new citizen signs up on a phone, searches without diacritics, files with two attachments and gets
the dossier code; the receiver receives it; the processor opens the files and hands it over; the
leader drafts the result from its template and signs it with the key's PIN; the receiver returns it
with the fee shown and collected; the citizen downloads the signed result and the receipt from the
dossier page and rates the service.

Each step is photographed into ``test-artifacts/screenshots/journey-NN-<step>.png`` (the README
shows the copies kept in ``docs/screenshots/``).
"""

from __future__ import annotations

import datetime

import pytest
from conftest import screenshot

from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.states import Status
from motcua.feedback.models import Rating
from motcua_testing.browser import open_menu, sign_in_from_home, sign_out, tile
from motcua_testing.catalogue import demo_procedure
from motcua_testing.factories import PASSWORD as OFFICIALS_PASSWORD
from motcua_testing.factories import personal_id_for
from motcua_testing.files import pdf_bytes
from motcua_testing.signing import PIN, give_leader_a_key, result_template_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser, pytest.mark.slow]

MARITAL = "1.004873"  # Cấp Giấy xác nhận tình trạng hôn nhân: two documents, 15.000 đ
BIRTH = datetime.date(1994, 3, 9)
NUMBER = personal_id_for(BIRTH, male=True, serial=4521)
PASSWORD = "Quang-Minh@Ha-Tinh-2026"
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 900}
# What the site's style draws as the page's primary action (a filled blue button).
PRIMARY = "main a.button:not(.secondary), main button.primary"


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


class Album:
    """Numbered screenshots of one journey: journey-01-sign-up.png, journey-02-…"""

    def __init__(self, page):
        self.page = page
        self.count = 0

    def __call__(self, step: str) -> None:
        self.count += 1
        screenshot(self.page, f"journey-{self.count:02d}-{step}")


def _pdf(name: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": pdf_bytes(name)}


def _officials(world):
    for official, name, title in (
        (world.receiver, "Trần Thị Thu Hà", "Công chức tiếp nhận"),
        (world.processor, "Lê Văn Thẩm", "Chuyên viên"),
        (world.leader, "Nguyễn Thị Lãnh", "Phó Giám đốc"),
    ):
        official.user.full_name = name
        official.user.save()
        official.title = title
        official.save()


def test_a_dossier_from_sign_up_to_rating_by_what_the_pages_show(browser_page, world):
    _officials(world)
    procedure = demo_procedure(MARITAL, agencies=[world.justice])
    result_template_for(procedure, needs_seal=False)
    give_leader_a_key(world)
    page = browser_page
    photo = Album(page)

    # The citizen, on a phone: sign up from the home page's menu.
    page.set_viewport_size(PHONE)
    page.goto("/")
    open_menu(page)
    page.get_by_role("link", name="Đăng ký", exact=True).click()
    page.get_by_label("Số định danh cá nhân (12 số trên thẻ căn cước)").fill(NUMBER)
    page.get_by_label("Họ, chữ đệm và tên").fill("Nguyễn Quang Minh")
    page.get_by_label("Ngày sinh").fill(BIRTH.isoformat())
    page.get_by_role("group", name="Giới tính").get_by_label("Nam", exact=True).check()
    page.get_by_label("Địa chỉ thường trú").fill("Xóm 2, xã Cẩm Xuyên, tỉnh Hà Tĩnh")
    page.get_by_label("Số điện thoại").fill("0912345678")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_label("Nhập lại mật khẩu").fill(PASSWORD)
    photo("sign-up")
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    page.wait_for_url("**/ho-so/")

    # Search without diacritics, from the home page (the site's name in the header leads there).
    page.locator("a.brand").click()
    page.get_by_label("Tìm thủ tục").fill("xac nhan tinh trang hon nhan")
    page.get_by_role("button", name="Tìm thủ tục").click()
    photo("search-without-diacritics")
    page.get_by_role("link", name="Thủ tục cấp Giấy xác nhận tình trạng hôn nhân").first.click()
    photo("procedure")
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").first.click()

    # File: the e-form holds the account's details; two attachments; review with the fee; submit.
    assert page.get_by_label("Số định danh cá nhân").input_value() == NUMBER
    page.get_by_role("group", name="Tình trạng hôn nhân hiện tại").get_by_label(
        "Chưa đăng ký kết hôn với ai"
    ).check()
    page.get_by_role("group", name="Mục đích sử dụng").get_by_label("Đăng ký kết hôn").check()
    documents = page.locator("li.document")
    documents.filter(has_text="Tờ khai cấp Giấy xác nhận").locator('input[type="file"]').set_input_files(
        _pdf("to-khai.pdf")
    )
    documents.filter(has_text="Hộ chiếu, thẻ Căn cước").locator('input[type="file"]').set_input_files(
        _pdf("can-cuoc.pdf")
    )
    photo("filing-two-attachments")
    page.get_by_role("button", name="Tiếp tục: xem lại hồ sơ").click()
    assert "15.000 đ" in page.locator("main").inner_text()
    photo("review-with-fee")
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.wait_for_url("**/da-nop/")
    dossier = Dossier.objects.get(applicant__username=NUMBER)
    assert dossier.code in page.locator("#dossier-code").inner_text()
    assert dossier.attachments.count() == 2
    photo("submitted-code")
    sign_out(page)

    # The receiver, at a desk: home → waiting for reception → receive → hand over for processing.
    page.set_viewport_size(DESK)
    sign_in_from_home(page, world.receiver.user.username, OFFICIALS_PASSWORD, lands_on="/can-bo/")
    tile(page, "Chờ tiếp nhận").click()
    page.get_by_role("link", name=dossier.code).click()
    page.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    assert "Đã tiếp nhận hồ sơ" in page.get_by_role("status").inner_text()
    photo("receiver-received")
    page.get_by_role("button", name="Chuyển xử lý").click()
    assert "Đã chuyển hồ sơ sang bước xử lý tiếp theo." in page.get_by_role("status").inner_text()
    sign_out(page)

    # The processor: home → to do → the dossier: open both files, then hand over with an opinion.
    sign_in_from_home(page, world.processor.user.username, OFFICIALS_PASSWORD, lands_on="/can-bo/")
    tile(page, "Cần xử lý").click()
    page.get_by_role("link", name=dossier.code).click()
    for attachment in dossier.attachments.order_by("id"):
        with page.expect_download() as download:
            page.get_by_role("link", name=attachment.filename).click()
        assert download.value.path().read_bytes().startswith(b"%PDF")
    photo("processor-files")
    page.get_by_label("Ý kiến, đề xuất").fill("Đủ điều kiện, đề nghị cấp giấy xác nhận")
    page.get_by_role("button", name="Chuyển bước tiếp theo").click()
    assert "Đã chuyển hồ sơ sang bước tiếp theo." in page.get_by_role("status").inner_text()
    sign_out(page)

    # The leader: home → what waits for them → the dossier: its one primary action is the result.
    sign_in_from_home(page, world.leader.user.username, OFFICIALS_PASSWORD, lands_on="/can-bo/")
    tile(page, "Chờ ký duyệt").click()
    page.get_by_role("link", name=dossier.code).click()
    primary = page.locator(PRIMARY)
    assert primary.count() == 1, primary.all_inner_texts()
    photo("leader-dossier")
    primary.click()
    page.get_by_role("button", name="Lập dự thảo kết quả từ mẫu").click()
    page.get_by_role("link", name="Tải dự thảo (PDF) để đọc trước khi ký").wait_for(timeout=90_000)
    assert page.locator(PRIMARY).all_inner_texts() == ["Ký số và phê duyệt"]
    page.get_by_label("Mã PIN khóa ký số").fill(PIN)
    photo("leader-draft-and-pin")
    page.get_by_role("button", name="Ký số và phê duyệt").click()
    assert "Đã ký số" in page.get_by_role("status").inner_text()
    dossier.refresh_from_db()
    assert dossier.status == Status.RESULT_READY
    sign_out(page)

    # The receiver: home → results to return → the fee due, the signed result, collected, returned.
    sign_in_from_home(page, world.receiver.user.username, OFFICIALS_PASSWORD, lands_on="/can-bo/")
    tile(page, "Chờ trả kết quả").click()
    page.get_by_role("link", name=dossier.code).click()
    assert page.locator("#fee-total").inner_text() == "15.000 đ"
    assert page.get_by_role("link", name="Tải kết quả đã ký").is_visible()
    page.get_by_label("Số biên lai thu phí, lệ phí").fill("BL-2026-0107")
    page.get_by_label("Tiền mặt").check()
    photo("counter-return-with-fee")
    page.get_by_role("button", name="Trả kết quả").click()
    assert "Đã trả kết quả" in page.get_by_role("status").inner_text()
    returned = DossierEvent.objects.get(dossier=dossier, kind="returned")
    assert returned.data["fee"]["amount"] == 15000
    sign_out(page)

    # The citizen again, on the phone: my dossiers → the dossier → the signed result, the receipt, rate.
    page.set_viewport_size(PHONE)
    sign_in_from_home(page, NUMBER, PASSWORD, lands_on="/ho-so/")
    page.get_by_role("link", name=procedure.name).first.click()
    with page.expect_download() as signed:
        page.get_by_role("link", name="Tải kết quả đã ký số (PDF)").click()
    result = signed.value.path().read_bytes()
    assert result.startswith(b"%PDF") and b"/ByteRange" in result
    # The receipt opens in the browser's PDF viewer: fetch what the link the page shows points to.
    receipt = page.request.get(
        page.get_by_role("link", name="Giấy tiếp nhận, hẹn trả (PDF)").get_attribute("href")
    )
    assert receipt.ok and receipt.body().startswith(b"%PDF")
    photo("citizen-result")
    page.get_by_role("link", name="Đánh giá", exact=True).click()
    for fieldset in page.locator("fieldset.scale").all():
        fieldset.get_by_text("Rất hài lòng", exact=True).click()
    page.get_by_label("Góp ý thêm (không bắt buộc)").fill("Nhanh, cán bộ hướng dẫn tận tình.")
    photo("citizen-rating")
    page.get_by_role("button", name="Gửi đánh giá").click()
    assert Rating.objects.filter(dossier=dossier).exists()
    photo("citizen-rated")
