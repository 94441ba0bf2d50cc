"""Anyone scans the receipt's QR code and sees the status; after the result, the citizen rates the service."""

import pytest
from conftest import screenshot

from motcua.dossiers.states import Status
from motcua.feedback.models import Rating
from motcua.feedback.questions import QUESTIONS
from motcua.paperwork.services import issue_lookup_token
from motcua.testing.dossiers import dossier_in

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


def test_nguoi_nop_tai_quay_quet_ma_qr_kich_hoat_tai_khoan_va_thay_ho_so_cua_minh(
    browser_page, world, client
):
    import datetime

    from django.urls import reverse

    from motcua.core.once import new_form_key
    from motcua.dossiers.models import Dossier
    from motcua.testing.factories import BIRTH_DATA, personal_id_for

    number = personal_id_for(datetime.date(1969, 1, 20), male=True, serial=5150)
    client.force_login(world.receiver.user)
    client.post(
        reverse("backoffice:walk-in-record", args=[world.procedure.code]),
        {
            "so": number,
            "form_key": new_form_key(),
            "full_name": "Lê Văn Cày",
            "birth_date": "1969-01-20",
            "sex": "male",
            "agency": world.justice.pk,
            **{f"f_{k}": v for k, v in BIRTH_DATA.items()},
        },
    )
    dossier = Dossier.objects.get(applicant__personal_id=number)
    page = browser_page
    page.goto(f"/tra-cuu/{issue_lookup_token(dossier=dossier)}/")
    page.get_by_role("link", name="Kích hoạt tài khoản để theo dõi hồ sơ trực tuyến").click()
    page.get_by_label("Số định danh cá nhân hoặc mã số thuế của người nộp").fill(number)
    page.locator("#id_password").fill("ruong-lua-2026")
    page.get_by_label("Nhập lại mật khẩu").fill("ruong-lua-2026")
    screenshot(page, "portal-activate")
    page.get_by_role("button", name="Kích hoạt").click()
    main = page.locator("main").inner_text()
    assert "Đã kích hoạt tài khoản" in main and dossier.code in main
