"""Anyone scans the receipt's QR code and sees the status; after the result, the citizen rates the service."""

import pytest
from conftest import screenshot

from motcua.dossiers.states import Status
from motcua.feedback.models import Rating
from motcua.feedback.questions import QUESTIONS
from motcua.paperwork.services import issue_lookup_token
from motcua_testing.dossiers import dossier_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_the_lookup_by_code_shows_the_status_without_personal_data(browser_page, world):
    dossier = dossier_in(world, Status.PROCESSING)
    page = browser_page
    page.goto("/tra-cuu/")
    page.get_by_label("Mã hồ sơ").fill(dossier.code)
    page.get_by_role("button", name="Tra cứu").click()
    card = page.locator("main")
    assert "Đang xử lý" in card.inner_text() and "Ngày hẹn trả kết quả" in card.inner_text()
    assert dossier.applicant_name not in page.content()
    screenshot(page, "portal-lookup")


def test_the_qr_code_opens_the_status_and_the_rating(browser_page, world):
    dossier = dossier_in(world, Status.RETURNED)
    token = issue_lookup_token(dossier=dossier)
    page = browser_page
    page.goto(f"/tra-cuu/{token}/")
    assert "Đã trả kết quả" in page.locator("main").inner_text()
    page.get_by_role("link", name="Đánh giá mức độ hài lòng").click()
    for question in QUESTIONS:
        page.get_by_role("group", name=str(question.text)).get_by_text("Hài lòng", exact=True).click()
    page.get_by_label("Góp ý thêm (không bắt buộc)").fill("Cán bộ hướng dẫn tận tình.")
    screenshot(page, "portal-rating")
    page.get_by_role("button", name="Gửi đánh giá").click()
    assert "Cảm ơn ông/bà đã đánh giá" in page.get_by_role("heading", level=1).inner_text()
    rating = Rating.objects.get(dossier=dossier)
    assert set(rating.scores.values_list("score", flat=True)) == {4}


def test_nguoi_nop_tai_quay_quet_ma_qr_kich_hoat_tai_khoan_bang_ma_gui_qua_sms(
    browser_page, world, client, caplog
):
    import logging
    import re

    from motcua.portal.tests.test_activation import NUMBER, receive_walk_in

    caplog.set_level(logging.INFO, logger="motcua.sms")
    dossier, token = receive_walk_in(client, world, phone="0987654321")
    page = browser_page
    page.goto(f"/tra-cuu/{token}/")
    page.get_by_role("link", name="Kích hoạt tài khoản để theo dõi hồ sơ trực tuyến").click()
    page.get_by_label("Số định danh cá nhân hoặc mã số thuế của người nộp").fill(NUMBER)
    page.get_by_role("button", name="Gửi mã xác nhận").click()
    page.get_by_text("mã xác nhận vừa được gửi").wait_for()
    sms = [r.getMessage() for r in caplog.records if r.name == "motcua.sms"]
    code = re.search(r"\b(\d{6})\b", sms[-1]).group(1)
    page.get_by_label("Mã xác nhận").fill(code)
    page.locator("#id_password").fill("ruong-lua-2026")
    page.get_by_label("Nhập lại mật khẩu").fill("ruong-lua-2026")
    screenshot(page, "portal-activate")
    page.get_by_role("button", name="Kích hoạt", exact=True).click()
    main = page.locator("main").inner_text()
    assert "Đã kích hoạt tài khoản" in main and dossier.code in main
