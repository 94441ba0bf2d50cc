"""Walk-in reception: the procedure found as the portal finds it (no diacritics, everyday words,
its code), and every mistake of the form named in one answer."""

from __future__ import annotations

from datetime import date

import pytest

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier
from motcua_testing.catalogue import demo_procedure
from motcua_testing.factories import DocumentFactory, personal_id_for
from motcua_testing.pages import Page, follow, open_page, submit

pytestmark = pytest.mark.django_db

CERTIFY_COPY = "2.000815"  # Chứng thực bản sao từ bản chính giấy tờ, văn bản…
MARRIAGE = "1.000894"  # Thủ tục đăng ký kết hôn


@pytest.fixture
def catalogue(world):
    return {code: demo_procedure(code, agencies=[world.justice]) for code in (CERTIFY_COPY, MARRIAGE)}


def walk_in_page(client, world) -> Page:
    client.force_login(world.receiver.user)
    return follow(client, open_page(client, "/can-bo/"), "Tiếp nhận hồ sơ trực tiếp")


def search(client, page: Page, text: str, number: str = "") -> Page:
    return submit(client, page.form("Tìm").fill(so=number, q=text))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("chung thuc ban sao", CERTIFY_COPY), ("ket hon", MARRIAGE), (CERTIFY_COPY, CERTIFY_COPY)],
)
def test_the_procedure_is_found_without_diacritics_or_by_its_code(client, world, catalogue, typed, expected):
    found = search(client, walk_in_page(client, world), typed)
    choices = found.tree.xpath("//ul[@class='results']/li")
    assert choices, f"nothing found for {typed!r}"
    assert expected in choices[0].text_content()


def test_a_procedure_code_is_found_while_typing_in_the_box(client, world, catalogue):
    client.force_login(world.receiver.user)
    partial = client.get("/can-bo/mot-cua/tiep-nhan/", {"q": "000815"}, HTTP_HX_REQUEST="true")
    assert CERTIFY_COPY in partial.content.decode()


def test_every_mistake_of_the_walk_in_form_is_named_at_once(client, world, catalogue):
    procedure = world.procedure
    DocumentFactory(procedure=procedure, name="Giấy chứng sinh", mandatory=True)
    number = personal_id_for(date(1990, 5, 17), serial=777)
    page = search(client, walk_in_page(client, world), procedure.code, number)
    record = follow(client, page, "Chọn thủ tục này")
    assert "Chưa có tài khoản" in record.text
    response = record.form("Tiếp nhận và tạo hồ sơ").fill(birth_date="1991-01-01").submit(client)
    assert response.status_code == 400
    shown = Page(response, record.url)
    assert "Cần nhập họ và tên." in shown.text  # the applicant
    assert "phải là hai số cuối của năm sinh 1991" in shown.text  # the number against the birth date
    assert "Thiếu: Giấy chứng sinh" in shown.text  # the checklist
    assert "Cần nhập Họ, chữ đệm, tên của trẻ." in shown.text  # the e-form
    assert "Còn 6 mục cần sửa" in shown.text
    assert not Dossier.objects.exists() and not User.objects.filter(personal_id=number).exists()
