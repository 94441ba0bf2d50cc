"""Every choice the portal's forms offer (radio buttons, selects, checkboxes) can be chosen on the page
and reaches the server: the forms are filled as rendered, by their labels, never as hand-made dicts."""

import datetime

import pytest
from django.urls import reverse

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua.feedback.models import Feedback, Rating
from motcua.feedback.questions import QUESTIONS
from motcua.integration.selectors import contact_preference
from motcua.paperwork.services import issue_lookup_token
from motcua_testing.dossiers import dossier_in
from motcua_testing.factories import ProcedureFactory, personal_id_for
from motcua_testing.forms import RenderedForm, follow

pytestmark = pytest.mark.django_db

PASSWORD = "Hoa@Ha-Tinh-2026"


def test_sign_up_shows_real_radio_buttons_for_sex_and_no_stray_options(client):
    page = follow(client, client.get("/"), "Đăng ký")
    html = page.content.decode()
    assert "<option" not in html  # the bug: <label><option value="male">Nam</option> Nam</label>
    form = RenderedForm(page)
    assert form.options("Giới tính") == ["Nam", "Nữ"]


def test_a_citizen_signs_up_by_filling_the_page_and_is_signed_in(client):
    number = personal_id_for(datetime.date(1995, 4, 12), male=False, serial=4321)
    form = RenderedForm(follow(client, client.get("/"), "Đăng ký"))
    form.fill("Số định danh cá nhân (12 số trên thẻ căn cước)", number)
    form.fill("Họ, chữ đệm và tên", "Lê Thị Hoa")
    form.fill("Ngày sinh", "1995-04-12")
    form.choose("Nữ", within="Giới tính")
    form.fill("Số điện thoại", "0912 345 678")
    form.fill("Thư điện tử", "hoa@example.vn")
    form.fill("Địa chỉ thường trú", "Phường Thành Sen, Hà Tĩnh")
    form.fill("Mật khẩu", PASSWORD).fill("Nhập lại mật khẩu", PASSWORD)
    response = form.submit(client, "Đăng ký")
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username=number)
    assert user.full_name == "Lê Thị Hoa" and user.is_male is False and user.birth_date.day == 12
    assert "Lê Thị Hoa" in client.get(response["Location"]).content.decode()


def test_sign_up_without_choosing_the_sex_says_so_and_keeps_what_was_typed(client):
    number = personal_id_for(datetime.date(1995, 4, 12), male=False, serial=4322)
    form = RenderedForm(client.get(reverse("portal:sign-up")))
    form.fill("Số định danh cá nhân (12 số trên thẻ căn cước)", number).fill(
        "Họ, chữ đệm và tên", "Lê Thị Hoa"
    )
    form.fill("Ngày sinh", "1995-04-12").fill("Mật khẩu", PASSWORD).fill("Nhập lại mật khẩu", PASSWORD)
    response = form.submit(client, "Đăng ký")
    assert response.status_code == 400 and not User.objects.filter(username=number).exists()
    again = RenderedForm(response)
    assert again.value("Họ, chữ đệm và tên") == "Lê Thị Hoa"
    again.choose("Nữ", within="Giới tính").fill("Mật khẩu", PASSWORD).fill("Nhập lại mật khẩu", PASSWORD)
    assert again.submit(client, "Đăng ký").status_code == 302
    assert User.objects.get(username=number).is_male is False


def test_a_business_signs_up_from_its_tab(client):
    from motcua_testing.factories import valid_tax_code

    tax_code = valid_tax_code(77)
    page = follow(client, client.get(reverse("portal:sign-up")), "Tổ chức, doanh nghiệp")
    form = RenderedForm(page)
    form.fill("Mã số thuế", tax_code).fill("Tên tổ chức, doanh nghiệp", "Công ty TNHH Sen Vàng")
    form.fill("Mật khẩu", PASSWORD).fill("Nhập lại mật khẩu", PASSWORD)
    assert form.submit(client, "Đăng ký").status_code == 302
    assert User.objects.get(username=tax_code).kind == User.Kind.BUSINESS


def test_feedback_kind_and_agency_are_chosen_on_the_page(client, world):
    form = RenderedForm(follow(client, client.get(reverse("portal:feedback")), "Gửi phản ánh, kiến nghị"))
    form.choose("Kiến nghị", within="Loại")
    form.fill("Cơ quan nhận", "Sở Tư pháp")
    form.fill("Tiêu đề", "Thêm quầy buổi trưa")
    form.fill("Nội dung", "Đề nghị bố trí trực quầy vào giờ nghỉ trưa cho người đi làm.")
    form.fill("Họ và tên", "Phạm Văn Long")
    response = form.submit(client, "Gửi")
    assert response.status_code == 302, response.content.decode()[:3000]
    sent = Feedback.objects.get()
    assert sent.kind == "suggestion" and sent.agency == world.justice


def test_the_account_page_saves_the_chosen_channels_and_language(client, world):
    client.force_login(world.citizen)
    form = RenderedForm(client.get(reverse("portal:account")))
    assert form.options("Ngôn ngữ của thông báo") == ["Tiếng Việt", "English"]
    form.choose("Nhận thông báo qua tin nhắn SMS").fill("Ngôn ngữ của thông báo", "English")
    assert form.submit(client, "Lưu").status_code == 302
    preference = contact_preference(world.citizen)
    assert preference.by_sms and preference.language == "en"


def test_the_rating_scale_is_chosen_on_the_page(client, world):
    dossier = dossier_in(world, Status.RETURNED)
    token = issue_lookup_token(dossier=dossier)
    page = follow(
        client, client.get(reverse("portal:lookup-reference", args=[token])), "Đánh giá mức độ hài lòng"
    )
    form = RenderedForm(page)
    for number, question in enumerate(QUESTIONS, start=1):
        form.choose("4", within=f"{number}. {question.text}")
    response = form.submit(client, "Gửi đánh giá")
    assert response.status_code == 200 and "Cảm ơn" in response.content.decode()
    scores = Rating.objects.get(dossier=dossier).scores.values_list("question", "score")
    assert dict(scores) == {question.code: 4 for question in QUESTIONS}


def test_e_form_radio_buttons_and_selects_are_filled_on_the_filing_page(client, world):
    procedure = ProcedureFactory(
        agencies=[world.justice],
        form_schema={
            "type": "object",
            "properties": {
                "sex": {"type": "string", "title": "Giới tính của trẻ", "enum": ["Nam", "Nữ"]},
                "ethnic": {
                    "type": "string",
                    "title": "Dân tộc",
                    "enum": ["Kinh", "Tày", "Thái", "Mường", "Khmer", "Hoa"],
                },
            },
            "required": ["sex", "ethnic"],
        },
    )
    client.force_login(world.citizen)
    page = follow(
        client, client.get(reverse("portal:procedure", args=[procedure.code])), "Nộp hồ sơ trực tuyến"
    )
    form = RenderedForm(page)
    form.choose("Nữ", within="Giới tính của trẻ").fill("Dân tộc", "Mường")
    response = form.submit(client, "Lưu nháp")
    assert response.status_code == 302
    draft = Dossier.objects.get(procedure=procedure)
    assert draft.form_data == {"sex": "Nữ", "ethnic": "Mường"}
