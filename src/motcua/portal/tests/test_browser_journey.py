"""A new citizen on a phone, from the home page, by what the pages show: sign up, sign out and in again,
find a procedure without typing diacritics, file with an e-form already holding their details, download
the blank form, attach files, and review the fees before submitting."""

import datetime

import pytest
from conftest import screenshot

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier
from motcua_testing.browser import open_menu
from motcua_testing.catalogue import demo_procedure
from motcua_testing.factories import personal_id_for
from motcua_testing.files import pdf_bytes

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

MARITAL = "1.004873"  # Cấp Giấy xác nhận tình trạng hôn nhân: 15.000 đ
BIRTH = datetime.date(1996, 6, 18)
NUMBER = personal_id_for(BIRTH, male=False, serial=7788)
PASSWORD = "Thu-Ha@Ha-Tinh-2026"


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def _pdf(name):
    return {"name": name, "mimeType": "application/pdf", "buffer": pdf_bytes(name)}


def test_sign_up_sign_in_file_with_a_prefilled_form_and_review_the_fees_on_a_phone(browser_page, world):
    demo_procedure(MARITAL, agencies=[world.justice])
    page = browser_page
    page.goto("/")
    assert not page.get_by_role("link", name="Đăng ký", exact=True).is_visible()  # folded on a phone
    open_menu(page)
    screenshot(page, "portal-menu-open", full_page=False)
    page.get_by_role("link", name="Đăng ký", exact=True).click()

    page.get_by_label("Số định danh cá nhân (12 số trên thẻ căn cước)").fill(NUMBER)
    page.get_by_label("Họ, chữ đệm và tên").fill("Phan Thị Thu Hà")
    page.get_by_label("Ngày sinh").fill(BIRTH.isoformat())
    page.get_by_role("group", name="Giới tính").get_by_label("Nữ").check()
    page.get_by_label("Địa chỉ thường trú").fill("Tổ dân phố 3, phường Trần Phú, tỉnh Hà Tĩnh")
    page.get_by_label("Số điện thoại").fill("0936112233")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_label("Nhập lại mật khẩu").fill(PASSWORD)
    screenshot(page, "portal-sign-up")
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    page.wait_for_url("**/ho-so/")
    assert User.objects.get(username=NUMBER).is_male is False

    open_menu(page)
    page.get_by_role("button", name="Đăng xuất (Phan Thị Thu Hà)").click()
    open_menu(page)
    page.get_by_role("link", name="Đăng nhập", exact=True).click()
    page.get_by_label("Số định danh cá nhân, mã số thuế hoặc tên đăng nhập cán bộ").fill(NUMBER)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/ho-so/")

    page.get_by_role("link", name=page.locator("a.brand").inner_text()).first.click()
    page.get_by_label("Tìm thủ tục").fill("xac nhan tinh trang hon nhan")
    page.get_by_role("button", name="Tìm thủ tục").click()
    page.get_by_role("link", name="Thủ tục cấp Giấy xác nhận tình trạng hôn nhân").first.click()
    with page.expect_download() as blank:
        page.get_by_role("link", name="Tải mẫu: Tờ khai cấp Giấy xác nhận tình trạng hôn nhân").first.click()
    assert open(blank.value.path(), "rb").read().startswith(b"%PDF-")
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").first.click()

    assert page.get_by_label("Họ, chữ đệm và tên người được xác nhận").input_value() == "Phan Thị Thu Hà"
    assert page.get_by_label("Số định danh cá nhân").input_value() == NUMBER
    assert page.get_by_label("Ngày sinh").input_value() == BIRTH.isoformat()
    assert page.get_by_label("Số điện thoại liên hệ").input_value() == "0936112233"
    assert "điền sẵn từ tài khoản" in page.locator("main").inner_text()
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
    assert "mỗi tệp tối đa" in page.locator("#file-limits").inner_text()
    screenshot(page, "portal-filing-prefilled")
    page.get_by_role("button", name="Tiếp tục: xem lại hồ sơ").click()

    fees = page.locator("section", has=page.get_by_role("heading", name="Phí, lệ phí"))
    assert "Lệ phí cấp Giấy xác nhận tình trạng hôn nhân" in fees.inner_text()
    assert "15.000 đ" in fees.inner_text()
    screenshot(page, "portal-review-fees")
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.wait_for_url("**/da-nop/")
    dossier = Dossier.objects.get(applicant__username=NUMBER)
    assert dossier.code in page.locator("#dossier-code").inner_text()
    assert dossier.form_data["id_number"] == NUMBER and dossier.form_data["residence"].startswith(
        "Tổ dân phố 3"
    )


def test_a_1600_character_question_typed_in_the_search_box_gets_results_not_an_error(browser_page, world):
    demo_procedure(MARITAL, agencies=[world.justice])
    page = browser_page
    page.goto("/")
    question = (
        "xác nhận tình trạng hôn nhân để đăng ký kết hôn với người nước ngoài, cần những giấy tờ gì? " * 20
    )[:1600]
    page.get_by_label("Tìm thủ tục").fill(question)
    page.get_by_role("button", name="Tìm thủ tục").click()
    page.wait_for_url("**/thu-tuc/?q=*")
    assert len(page.get_by_label("Bạn cần làm gì?").input_value()) <= 300
    assert page.get_by_role("link", name="Thủ tục cấp Giấy xác nhận tình trạng hôn nhân").first.is_visible()
