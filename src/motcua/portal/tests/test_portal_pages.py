"""Procedure pages, sign-up, look-up, rating and feedback through Django's test client."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from motcua.accounts.models import User
from motcua.core import proof_of_work
from motcua.dossiers.states import Status
from motcua.feedback.models import Feedback, Rating
from motcua.feedback.questions import QUESTION_CODES
from motcua.paperwork.services import issue_lookup_token
from motcua_testing.dossiers import dossier_in
from motcua_testing.factories import DocumentFactory, FeeFactory, personal_id_for
from motcua_testing.pdf import pdf_text

pytestmark = pytest.mark.django_db


def test_the_procedure_page_shows_documents_fees_time_and_a_qr_code(client, world):
    DocumentFactory(procedure=world.procedure, name="Giấy chứng sinh", originals=1)
    FeeFactory(procedure=world.procedure, name="Lệ phí đăng ký", amount=50_000)
    page = client.get(reverse("portal:procedure", args=[world.procedure.code])).content.decode()
    for expected in (
        "Giấy chứng sinh",
        "50.000 đ",
        "3 ngày làm việc",
        "Sở Tư pháp",
        "<svg",
        "Nộp hồ sơ trực tuyến",
    ):
        assert expected in page


def test_the_poster_is_a_pdf_with_the_procedure_name(client, world):
    response = client.get(reverse("portal:procedure-poster", args=[world.procedure.code]))
    assert response["Content-Type"] == "application/pdf"
    assert world.procedure.name in pdf_text(response.content)


def test_the_procedure_list_searches_names(client, world):
    page = client.get(reverse("portal:procedures"), {"q": world.procedure.name}).content.decode()
    assert world.procedure.code in page
    htmx = client.get(
        reverse("portal:procedures"), {"q": "không có thủ tục này"}, headers={"HX-Request": "true"}
    )
    assert "<html" not in htmx.content.decode() and "Không có thủ tục phù hợp" in htmx.content.decode()


def test_sign_up_with_an_invalid_personal_id_says_which_part_is_wrong(client):
    response = client.post(
        reverse("portal:sign-up"),
        {
            "kind": "citizen",
            "personal_id": "042095001234",  # born 1995 per the number, 1990 as typed
            "full_name": "Lê Thị Hoa",
            "birth_date": "1990-04-12",
            "sex": "female",
            "password": "Hoa@Ha-Tinh-2026",
            "password_again": "Hoa@Ha-Tinh-2026",
        },
    )
    assert response.status_code == 400
    assert "Chữ số thứ 4" in response.content.decode() or "năm sinh" in response.content.decode()
    assert not User.objects.filter(full_name="Lê Thị Hoa").exists()


def test_sign_up_creates_the_account_and_signs_in(client):
    number = personal_id_for(__import__("datetime").date(1995, 4, 12), male=False, serial=1234)
    response = client.post(
        reverse("portal:sign-up"),
        {
            "kind": "citizen",
            "personal_id": number,
            "full_name": "Lê Thị Hoa",
            "birth_date": "12/04/1995",
            "sex": "female",
            "password": "Hoa@Ha-Tinh-2026",
            "password_again": "Hoa@Ha-Tinh-2026",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("portal:my-dossiers")
    assert client.get(reverse("portal:my-dossiers")).status_code == 200
    assert User.objects.get(username=number).full_name == "Lê Thị Hoa"


def test_the_public_lookup_shows_the_status_but_no_personal_data(client, world):
    dossier = dossier_in(world, Status.RECEIVED)
    page = client.get(reverse("portal:lookup"), {"ma": dossier.code}).content.decode()
    assert dossier.code in page and "Đã tiếp nhận" in page
    assert dossier.applicant_name not in page and dossier.applicant_id_number not in page
    client.force_login(world.citizen)
    mine = client.get(reverse("portal:lookup"), {"ma": dossier.code}).content.decode()
    assert dossier.applicant_name in mine


def test_an_unknown_code_says_so(client):
    response = client.get(reverse("portal:lookup"), {"ma": "000.00.12.H30-261123-9999"})
    assert response.status_code == 404 and "Không tìm thấy hồ sơ" in response.content.decode()


def test_lookups_are_rate_limited_per_address(client, world, settings):
    cache.clear()
    settings.LOOKUP_RATE = "3/m"
    for _ in range(3):
        assert client.get(reverse("portal:lookup")).status_code == 200
    refused = client.get(reverse("portal:lookup"))
    assert refused.status_code == 429 and "Quá nhiều yêu cầu" in refused.content.decode()
    cache.clear()


def test_the_qr_token_opens_the_rating_once_the_result_is_returned(client, world):
    dossier = dossier_in(world, Status.RETURNED)
    token = issue_lookup_token(dossier=dossier)
    page = client.get(reverse("portal:lookup-reference", args=[token])).content.decode()
    assert "Đánh giá mức độ hài lòng" in page
    response = client.post(reverse("portal:rate-by-token", args=[token]), dict.fromkeys(QUESTION_CODES, "4"))
    assert response.status_code == 200 and "Cảm ơn" in response.content.decode()
    assert Rating.objects.get(dossier=dossier).channel == "qr"


def test_a_rating_without_every_answer_is_refused_per_question(client, world):
    dossier = dossier_in(world, Status.RETURNED)
    token = issue_lookup_token(dossier=dossier)
    response = client.post(reverse("portal:rate-by-token", args=[token]), {"overall": "5"})
    assert response.status_code == 400 and "Vui lòng chọn một mức từ 1 đến 5." in response.content.decode()
    assert not Rating.objects.exists()


def test_a_dossier_code_does_not_open_the_rating(client, world):
    dossier = dossier_in(world, Status.RETURNED)
    response = client.get(reverse("portal:rate-by-token", args=[dossier.code]))
    assert response.status_code == 404


def test_feedback_is_sent_tracked_and_published(client, world):
    form = client.get(reverse("portal:feedback-new")).content.decode()
    hidden = dict(re.findall(r'<input type="hidden" name="(form_key|pow_challenge)" value="([^"]*)"', form))
    response = client.post(
        reverse("portal:feedback-new"),
        {
            **hidden,
            "pow_solution": proof_of_work.solve(hidden["pow_challenge"]),
            "kind": "suggestion",
            "agency": world.justice.pk,
            "subject": "Thêm quầy buổi trưa",
            "content": "Đề nghị bố trí trực quầy vào giờ nghỉ trưa cho người đi làm.",
            "sender_name": "Phạm Văn Long",
            "sender_phone": "0987654321",
        },
    )
    sent = Feedback.objects.get()
    assert response["Location"] == reverse("portal:feedback-sent", args=[sent.code])
    tracked = client.get(reverse("portal:feedback-track"), {"ma": sent.code}).content.decode()
    assert "Thêm quầy buổi trưa" in tracked and "chưa có câu trả lời" in tracked
    assert "Thêm quầy buổi trưa" not in client.get(reverse("portal:feedback")).content.decode()


def test_the_english_switch_translates_the_pages_but_not_the_legal_papers(client, world, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("portal:procedure", args=[world.procedure.code])).content.decode()
    assert "Documents required" in page and "Submit online" in page
    dossier = dossier_in(world, Status.RECEIVED)
    client.force_login(world.citizen)
    detail = client.get(reverse("portal:dossier", args=[dossier.uuid])).content.decode()
    assert "Appointment date" in detail
    receipt = client.get(reverse("portal:paper", args=[dossier.uuid, "giay-tiep-nhan"]))
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in pdf_text(receipt.content)
