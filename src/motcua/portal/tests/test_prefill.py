"""A new e-form starts with the applicant's own details from their account; each stays editable."""

import datetime

import pytest
from django.urls import reverse

from motcua.dossiers.models import Dossier
from motcua_testing.factories import BusinessFactory, ProcedureFactory
from motcua_testing.forms import RenderedForm, follow

pytestmark = pytest.mark.django_db

SCHEMA = {
    "type": "object",
    "properties": {
        "full_name": {"type": "string", "title": "Họ, chữ đệm và tên", "x-prefill": "full_name"},
        "id_number": {"type": "string", "title": "Số định danh cá nhân", "x-prefill": "identity_number"},
        "birth_date": {"type": "string", "title": "Ngày sinh", "format": "date", "x-prefill": "birth_date"},
        "sex": {"type": "string", "title": "Giới tính", "enum": ["Nam", "Nữ"], "x-prefill": "sex"},
        "residence": {"type": "string", "title": "Nơi cư trú", "x-prefill": "address"},
        "phone": {"type": "string", "title": "Số điện thoại liên hệ"},
        "child_birth_date": {"type": "string", "title": "Ngày sinh của con", "format": "date"},
        "mother_full_name": {"type": "string", "title": "Họ tên mẹ"},
    },
    "required": ["full_name", "id_number"],
}


def _filing_form(client, procedure):
    page = client.get(reverse("portal:procedure", args=[procedure.code]))
    return RenderedForm(follow(client, page, "Nộp hồ sơ trực tuyến"))


def test_the_filing_form_starts_with_the_citizens_own_details(client, world):
    citizen = world.citizen
    citizen.address = "Số 5 đường Phan Đình Phùng, phường Thành Sen"
    citizen.save()
    procedure = ProcedureFactory(agencies=[world.justice], form_schema=SCHEMA)
    client.force_login(citizen)
    response = client.get(reverse("portal:file", args=[procedure.code]))
    assert "điền sẵn từ tài khoản" in response.content.decode()
    form = _filing_form(client, procedure)
    assert form.value("Họ, chữ đệm và tên") == citizen.full_name
    assert form.value("Số định danh cá nhân") == citizen.personal_id
    assert form.value("Ngày sinh") == citizen.birth_date.isoformat()
    assert form.value("Nơi cư trú") == citizen.address
    assert form.value("Số điện thoại liên hệ") == citizen.phone
    assert form.values.get("f_sex") == ["Nam"]
    # Fields that may be about someone else stay empty.
    assert form.value("Ngày sinh của con") == "" and form.value("Họ tên mẹ") == ""


def test_a_prefilled_value_can_be_changed_before_saving(client, world):
    procedure = ProcedureFactory(agencies=[world.justice], form_schema=SCHEMA)
    client.force_login(world.citizen)
    form = _filing_form(client, procedure)
    form.fill("Số điện thoại liên hệ", "0911 222 333").fill("Ngày sinh của con", "2026-10-01")
    assert form.submit(client, "Lưu nháp").status_code == 302
    draft = Dossier.objects.get(procedure=procedure)
    assert draft.form_data["phone"] == "0911 222 333"
    assert draft.form_data["full_name"] == world.citizen.full_name
    assert draft.form_data["birth_date"] == datetime.date(1990, 5, 17).isoformat()
    # The draft shows what was saved, not the account again.
    again = RenderedForm(client.get(reverse("portal:draft", args=[draft.uuid])))
    assert again.value("Số điện thoại liên hệ") == "0911 222 333"


def test_an_organisation_gets_its_name_and_tax_code_not_a_persons(client, world):
    business = BusinessFactory(phone="02393 888 999")
    procedure = ProcedureFactory(
        agencies=[world.justice],
        form_schema={
            "type": "object",
            "properties": {
                "employer_name": {
                    "type": "string",
                    "title": "Tên người sử dụng lao động",
                    "x-prefill": "organisation_name",
                },
                "employer_tax_code": {
                    "type": "string",
                    "title": "Mã số doanh nghiệp",
                    "x-prefill": "tax_code",
                },
                "full_name": {"type": "string", "title": "Họ và tên", "x-prefill": "full_name"},
                "phone": {"type": "string", "title": "Số điện thoại liên hệ", "x-prefill": False},
            },
        },
    )
    client.force_login(business)
    form = _filing_form(client, procedure)
    assert form.value("Tên người sử dụng lao động") == business.full_name
    assert form.value("Mã số doanh nghiệp") == business.tax_code
    assert form.value("Họ và tên") == "" and form.value("Số điện thoại liên hệ") == ""


def test_the_demo_catalogue_fills_the_marital_status_form_from_the_account(client, world):
    import json
    from pathlib import Path

    import motcua.demo

    catalogue = json.loads((Path(motcua.demo.__file__).parent / "catalogue.json").read_text())
    marital = next(p for p in catalogue["procedures"] if p["code"] == "1.004873")
    procedure = ProcedureFactory(agencies=[world.justice], form_schema=marital["form_schema"])
    client.force_login(world.citizen)
    form = _filing_form(client, procedure)
    assert form.value("Số định danh cá nhân") == world.citizen.personal_id
    assert form.value("Ngày sinh") == world.citizen.birth_date.isoformat()
