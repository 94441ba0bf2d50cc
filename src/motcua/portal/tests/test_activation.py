"""A walk-in applicant activates the account the counter created, with a second factor a receipt's finder lacks.

The receipt carries the QR token and the applicant's number: whoever finds it holds both. Activation
also needs a one-time code sent to the phone or e-mail given at the counter, or, where none was given,
the activation code printed on the receipt together with the birth date (not on the receipt).
"""

import datetime
import logging
import re

import lxml.html
import pytest
from django.contrib.auth import authenticate
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from motcua.accounts.activation import printed_code
from motcua.accounts.models import Activation, User
from motcua.dossiers.models import Dossier
from motcua.paperwork.services import issue_lookup_token
from motcua_testing.factories import personal_id_for
from motcua_testing.forms import RenderedForm, follow
from motcua_testing.pdf import pdf_text

pytestmark = pytest.mark.django_db

BIRTH = datetime.date(1975, 6, 2)
NUMBER = personal_id_for(BIRTH, male=False, serial=777)
PASSWORD = "lua-chin-vang-2026"


def receive_walk_in(client, world, *, phone: str = "", number: str = NUMBER) -> tuple[Dossier, str]:
    """The counter receives a dossier for a new applicant through its page; returns it and its receipt's token."""
    client.force_login(world.receiver.user)
    search = RenderedForm(client.get(reverse("backoffice:walk-in")), method="get")
    search.fill("Số định danh cá nhân (CCCD) hoặc mã số thuế của người nộp", number)
    search.fill("Tìm thủ tục", world.procedure.name)
    form = RenderedForm(follow(client, search.submit(client, "Tìm"), "Chọn thủ tục này"))
    form.fill("Họ, chữ đệm và tên", "Trần Thị Lúa").fill("Ngày sinh", BIRTH.isoformat())
    form.choose("Nữ", within="Giới tính").fill("Số điện thoại", phone)
    form.fill("Họ, chữ đệm, tên của trẻ", "Nguyễn Thị An", within="4. Tờ khai")
    form.fill("Ngày sinh", "2026-11-01", within="4. Tờ khai").choose("Nữ", within="4. Tờ khai")
    assert form.submit(client, "Tiếp nhận và tạo hồ sơ").status_code == 302
    client.logout()
    dossier = Dossier.objects.get(applicant__personal_id=number)
    return dossier, issue_lookup_token(dossier=dossier)


def receipt_text(client, world, dossier) -> str:
    client.force_login(world.receiver.user)
    response = client.get(reverse("backoffice:counter-paper", args=[dossier.code, "giay-tiep-nhan"]))
    client.logout()
    return " ".join(pdf_text(response.content).split())


def activation_page(client, token):
    """From the receipt's QR code (the look-up page) to the activation form, as the applicant goes."""
    look_up = client.get(reverse("portal:lookup-reference", args=[token]))
    return RenderedForm(follow(client, look_up, "Kích hoạt tài khoản"))


def sent_sms_code(caplog) -> str:
    texts = [r.getMessage() for r in caplog.records if r.name == "motcua.sms"]
    assert texts, "no SMS was sent"
    return re.search(r"\b(\d{6})\b", texts[-1]).group(1)


def activate(client, form: RenderedForm, *, code: str, birth_date: str = "", password: str = PASSWORD):
    form.fill("Mã xác nhận", code).fill("Ngày sinh của người nộp", birth_date)
    form.fill("Mật khẩu", password).fill("Nhập lại mật khẩu", password)
    return form.submit(client, "Kích hoạt")


def errors_of(response) -> str:
    return " ".join(re.findall(r'<ul class="errors"[^>]*>(.*?)</ul>', response.content.decode(), re.S))


@pytest.fixture
def sms_log(caplog):
    caplog.set_level(logging.INFO, logger="motcua.sms")
    return caplog


def test_with_a_phone_given_at_the_counter_a_code_sent_by_sms_activates_the_account(client, world, sms_log):
    dossier, token = receive_walk_in(client, world, phone="0987654321")
    receipt = receipt_text(client, world, dossier)
    assert "Mã xác nhận sẽ được gửi tới số điện thoại đã khai" in receipt
    assert printed_code(Activation.objects.get(user=dossier.applicant)) not in receipt

    form = activation_page(client, token)
    form.fill("Số định danh cá nhân hoặc mã số thuế của người nộp", NUMBER[:4] + " " + NUMBER[4:])
    sent = form.submit(client, "Gửi mã xác nhận")
    assert sent.status_code == 200 and "mã xác nhận vừa được gửi" in sent.content.decode()
    code = sent_sms_code(sms_log)
    again = RenderedForm(sent)
    assert again.value("Số định danh cá nhân hoặc mã số thuế của người nộp").replace(" ", "") == NUMBER
    response = activate(client, again, code=code)
    assert response.status_code == 302 and response["Location"] == reverse("portal:my-dossiers")
    assert dossier.code in client.get(reverse("portal:my-dossiers")).content.decode()
    assert authenticate(username=NUMBER, password=PASSWORD) is not None


def test_the_finder_of_a_lost_receipt_cannot_activate_with_what_it_shows(client, world, sms_log):
    dossier, token = receive_walk_in(client, world, phone="0987654321")
    form = activation_page(client, token)
    form.fill("Số định danh cá nhân hoặc mã số thuế của người nộp", NUMBER)
    for guess in ("", "000000", "123456", printed_code(Activation.objects.get(user=dossier.applicant))):
        response = activate(
            client, RenderedForm(client.get(reverse("portal:activate", args=[token]))), code=guess
        )
        assert response.status_code == 400
    assert not User.objects.get(personal_id=NUMBER).has_usable_password()


def test_without_phone_or_e_mail_the_printed_code_works_only_with_the_birth_date(client, world):
    dossier, token = receive_walk_in(client, world, phone="")
    receipt = receipt_text(client, world, dossier)
    printed = re.search(r"\b([A-Z2-9]{4}-[A-Z2-9]{4})\b", receipt).group(1)
    assert "dùng cùng ngày sinh" in receipt

    form = activation_page(client, token).fill("Số định danh cá nhân hoặc mã số thuế của người nộp", NUMBER)
    wrong = activate(client, form, code=printed, birth_date="1975-02-06")
    assert wrong.status_code == 400
    assert not User.objects.get(personal_id=NUMBER).has_usable_password()
    form = RenderedForm(wrong).fill("Số định danh cá nhân hoặc mã số thuế của người nộp", NUMBER)
    right = activate(client, form, code=printed.lower().replace("-", " "), birth_date=BIRTH.isoformat())
    assert right.status_code == 302
    assert authenticate(username=NUMBER, password=PASSWORD) is not None


def test_every_refusal_reads_the_same_so_nothing_tells_whether_the_number_matched(client, world, sms_log):
    _dossier, token = receive_walk_in(client, world, phone="0987654321")
    url = reverse("portal:activate", args=[token])

    def send(number):
        form = RenderedForm(client.get(url)).fill(
            "Số định danh cá nhân hoặc mã số thuế của người nộp", number
        )
        return form.submit(client, "Gửi mã xác nhận")

    other = send(world.citizen.personal_id)
    assert not [r for r in sms_log.records if r.name == "motcua.sms"]  # nothing sent to anyone
    mine = send(NUMBER)

    def shown(response) -> str:
        text = lxml.html.fromstring(response.content.decode()).xpath("//main")[0].text_content()
        return " ".join(text.split())

    assert shown(other) == shown(mine) and "mã xác nhận vừa được gửi" in shown(mine)

    def refused(number, code):
        form = RenderedForm(client.get(url)).fill(
            "Số định danh cá nhân hoặc mã số thuế của người nộp", number
        )
        return errors_of(activate(client, form, code=code))

    assert refused(world.citizen.personal_id, "123456") == refused(NUMBER, "123456")


def test_wrong_codes_lock_the_activation_and_the_counter_opens_a_new_one(
    client, world, sms_log, admin_client
):
    dossier, token = receive_walk_in(client, world, phone="0987654321")
    form = activation_page(client, token).fill("Số định danh cá nhân hoặc mã số thuế của người nộp", NUMBER)
    code = sent_sms_code(sms_log) if form.submit(client, "Gửi mã xác nhận") else None
    url = reverse("portal:activate", args=[token])
    for _ in range(5):
        form = RenderedForm(client.get(url)).fill(
            "Số định danh cá nhân hoặc mã số thuế của người nộp", NUMBER
        )
        assert activate(client, form, code="999999" if code != "999999" else "888888").status_code == 400
    form = RenderedForm(client.get(url)).fill("Số định danh cá nhân hoặc mã số thuế của người nộp", NUMBER)
    assert activate(client, form, code=code).status_code == 400  # locked: even the right code
    assert not User.objects.get(personal_id=NUMBER).has_usable_password()

    activation = Activation.objects.get(user=dossier.applicant)
    changelist = reverse("admin:accounts_activation_changelist")
    admin_client.post(changelist, {"action": "open_again", "_selected_action": [activation.pk]})
    assert Activation.objects.get(pk=activation.pk).failed_attempts == 0


def test_a_one_time_code_expires_and_so_does_the_activation(client, world, sms_log):
    dossier, token = receive_walk_in(client, world, phone="0987654321")
    url = reverse("portal:activate", args=[token])
    form = RenderedForm(client.get(url)).fill("Số định danh cá nhân hoặc mã số thuế của người nộp", NUMBER)
    form.submit(client, "Gửi mã xác nhận")
    code = sent_sms_code(sms_log)
    activation = Activation.objects.get(user=dossier.applicant)
    Activation.objects.filter(pk=activation.pk).update(
        code_expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    form = RenderedForm(client.get(url)).fill("Số định danh cá nhân hoặc mã số thuế của người nộp", NUMBER)
    assert activate(client, form, code=code).status_code == 400

    Activation.objects.filter(pk=activation.pk).update(
        code_expires_at=timezone.now() + datetime.timedelta(minutes=5),
        expires_at=timezone.now() - datetime.timedelta(seconds=1),
        failed_attempts=0,
    )
    form = RenderedForm(client.get(url)).fill("Số định danh cá nhân hoặc mã số thuế của người nộp", NUMBER)
    assert activate(client, form, code=code).status_code == 400
    assert not User.objects.get(personal_id=NUMBER).has_usable_password()


def test_a_code_goes_by_e_mail_when_only_an_e_mail_is_known(client, world):
    dossier, token = receive_walk_in(client, world, phone="")
    User.objects.filter(pk=dossier.applicant_id).update(email="lua@example.vn")
    form = activation_page(client, token).fill("Số định danh cá nhân hoặc mã số thuế của người nộp", NUMBER)
    form.submit(client, "Gửi mã xác nhận")
    assert mail.outbox and mail.outbox[-1].to == ["lua@example.vn"]
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    form = RenderedForm(client.get(reverse("portal:activate", args=[token])))
    form.fill("Số định danh cá nhân hoặc mã số thuế của người nộp", NUMBER)
    assert activate(client, form, code=code).status_code == 302


def test_an_activated_account_is_never_taken_over_with_the_receipt(client, world, sms_log):
    _dossier, token = receive_walk_in(client, world, phone="0987654321")
    url = reverse("portal:activate", args=[token])
    form = RenderedForm(client.get(url)).fill("Số định danh cá nhân hoặc mã số thuế của người nộp", NUMBER)
    form.submit(client, "Gửi mã xác nhận")
    code = sent_sms_code(sms_log)
    form = RenderedForm(client.get(url)).fill("Số định danh cá nhân hoặc mã số thuế của người nộp", NUMBER)
    assert activate(client, form, code=code).status_code == 302
    client.logout()
    form = RenderedForm(client.get(url)).fill("Số định danh cá nhân hoặc mã số thuế của người nộp", NUMBER)
    assert activate(client, form, code=code, password="ke-gian-2026x").status_code == 400
    assert authenticate(username=NUMBER, password=PASSWORD) is not None


def test_a_weak_password_is_refused_and_the_code_still_works(client, world, sms_log):
    _dossier, token = receive_walk_in(client, world, phone="0987654321")
    url = reverse("portal:activate", args=[token])
    form = RenderedForm(client.get(url)).fill("Số định danh cá nhân hoặc mã số thuế của người nộp", NUMBER)
    form.submit(client, "Gửi mã xác nhận")
    code = sent_sms_code(sms_log)
    form = RenderedForm(client.get(url)).fill("Số định danh cá nhân hoặc mã số thuế của người nộp", NUMBER)
    weak = activate(client, form, code=code, password="12345678")
    assert weak.status_code == 400 and "số" in errors_of(weak)
    form = RenderedForm(weak).fill("Số định danh cá nhân hoặc mã số thuế của người nộp", NUMBER)
    assert activate(client, form, code=code).status_code == 302
    assert client.get(reverse("portal:activate", args=["khong-co-that"])).status_code == 404


def test_activation_attempts_are_rate_limited_per_address(client, world, settings):
    _dossier, token = receive_walk_in(client, world, phone="0987654321")
    settings.SIGNIN_RATE = "3/m"
    url = reverse("portal:activate", args=[token])
    statuses = []
    for _ in range(4):
        form = RenderedForm(client.get(url)).fill(
            "Số định danh cá nhân hoặc mã số thuế của người nộp", NUMBER
        )
        statuses.append(activate(client, form, code="123456").status_code)
    assert statuses == [400, 400, 400, 429]


def test_the_api_sends_a_code_then_activates_with_it(client, world, sms_log):
    _dossier, token = receive_walk_in(client, world, phone="0987654321")
    asked = client.post(
        "/api/v1/accounts/activate/code/",
        {"token": token, "identifier": NUMBER},
        content_type="application/json",
    )
    other = client.post(
        "/api/v1/accounts/activate/code/",
        {"token": token, "identifier": world.citizen.personal_id},
        content_type="application/json",
    )
    assert asked.status_code == other.status_code == 202 and asked.json() == other.json()
    code = sent_sms_code(sms_log)
    body = {"token": token, "identifier": NUMBER, "code": "000000", "password": PASSWORD}
    refused = client.post("/api/v1/accounts/activate/", body, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["error"]["fields"]["code"]
    response = client.post(
        "/api/v1/accounts/activate/", {**body, "code": code}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["personal_id"] == NUMBER
    signed_in = client.post(
        "/api/v1/auth/token/", {"username": NUMBER, "password": PASSWORD}, content_type="application/json"
    )
    assert signed_in.status_code == 200, signed_in.content
