"""Anonymous feedback costs a robot work per message; a person's browser does it unnoticed."""

import pytest
from django.urls import reverse

from motcua.feedback.models import Feedback

pytestmark = pytest.mark.django_db

MESSAGE = {
    "kind": "suggestion",
    "subject": "Thêm quầy buổi trưa",
    "content": "Đề nghị bố trí trực quầy vào giờ nghỉ trưa cho người đi làm.",
    "sender_name": "Phạm Văn Long",
    "sender_phone": "0987654321",
}


def test_a_robot_posting_fresh_form_keys_without_the_work_sends_nothing(client, world):
    for n in range(20):
        response = client.post(reverse("portal:feedback-new"), {**MESSAGE, "form_key": f"{n:032x}"})
        assert response.status_code == 400
    assert "chống gửi tự động" in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_challenge_is_bound_to_its_form_key(client, world):
    from motcua.core import proof_of_work

    challenge = proof_of_work.new_challenge("a" * 32)
    solution = proof_of_work.solve(challenge)
    assert proof_of_work.is_solved(challenge=challenge, solution=solution, form_key="a" * 32)
    assert not proof_of_work.is_solved(challenge=challenge, solution=solution, form_key="b" * 32)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_person_sends_feedback_from_the_browser_without_a_captcha(browser_page, world):
    page = browser_page
    page.goto("/phan-anh/gui/")
    page.get_by_label("Cơ quan nhận").select_option(label="Sở Tư pháp")
    page.get_by_label("Tiêu đề").fill(MESSAGE["subject"])
    page.get_by_label("Nội dung").fill(MESSAGE["content"])
    page.get_by_label("Họ và tên").fill(MESSAGE["sender_name"])
    page.get_by_label("Số điện thoại").fill(MESSAGE["sender_phone"])
    page.get_by_role("button", name="Gửi").click()
    page.wait_for_url("**/phan-anh/da-gui/**")
    assert Feedback.objects.get().subject == MESSAGE["subject"]
