"""Verified data from the population database on the e-form: asked for with consent, locked, its
source shown to the applicant and to the official, a wrong value reported; the national identity
gives the same data without a call."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import timezone

from motcua.accounts.models import DataFetch, ExternalIdentity
from motcua.accounts.national_data import sandbox_token, verified_for_dossier
from motcua.demo.population import RESIDENTS
from motcua.dossiers.models import Dossier
from motcua.portal.tests.test_prefill import SCHEMA
from motcua_testing.factories import BusinessFactory, CitizenFactory, ProcedureFactory
from motcua_testing.pages import open_page, submit

pytestmark = pytest.mark.django_db(transaction=True)
THU = RESIDENTS[0]


@pytest.fixture
def sandbox(settings, live_server):
    settings.OIDC_SANDBOX = True
    settings.LGSP_URL = live_server.url + "/sandbox/lgsp"
    settings.LGSP_TOKEN = sandbox_token()
    return live_server


@pytest.fixture
def thu(db):
    return CitizenFactory(
        personal_id=THU.personal_id,
        username=THU.personal_id,
        full_name="Trần Thị Thư",
        birth_date=THU.birth_date,
        is_male=False,
        address="",
    )


def field(page, name):
    return page.tree.get_element_by_id(f"id_f_{name}")


def test_a_citizen_fills_the_form_from_the_population_database_and_cannot_change_it(
    client, sandbox, thu, world
):
    procedure = ProcedureFactory(agencies=[world.justice], form_schema=SCHEMA)
    client.force_login(thu)
    page = open_page(client, f"/thu-tuc/{procedure.code}/nop-ho-so/")
    page = submit(client, page.form("Lấy thông tin từ CSDL quốc gia về dân cư"))
    assert "Cần Ông/Bà đồng ý" in page.text and not DataFetch.objects.exists()
    page = submit(client, page.form("Lấy thông tin từ CSDL quốc gia về dân cư").fill(consent="on"))
    assert field(page, "full_name").get("value") == THU.full_name  # the database's, not the account's
    assert field(page, "full_name").get("readonly") is not None
    assert field(page, "residence").get("value") == THU.permanent_address
    assert "Đã xác thực với Cơ sở dữ liệu quốc gia về dân cư" in page.text
    form = page.form(form_id=None, button="Lưu nháp").fill(f_full_name="Người Khác", f_phone="0911222333")
    page = submit(client, form)
    draft = Dossier.objects.get(procedure=procedure)
    assert draft.form_data["full_name"] == THU.full_name
    assert draft.form_data["phone"] == "0911222333"
    assert DataFetch.objects.get(user=thu).purpose == procedure.code


def test_the_official_sees_where_the_values_were_verified_and_what_was_reported(client, sandbox, thu, world):
    procedure = ProcedureFactory(agencies=[world.justice], form_schema=SCHEMA)
    client.force_login(thu)
    page = open_page(client, f"/thu-tuc/{procedure.code}/nop-ho-so/")
    page = submit(client, page.form("Lấy thông tin từ CSDL quốc gia về dân cư").fill(consent="on"))
    page = submit(client, page.form(button="Lưu nháp"))
    page = submit(
        client, page.form("Báo thông tin sai").fill(text="Nơi thường trú đã chuyển sang xã Can Lộc.")
    )
    assert "Đã ghi nhận" in page.text
    draft = Dossier.objects.get(procedure=procedure)
    html = Template("{% load national_data %}{% verified_form_data dossier %}").render(
        Context({"dossier": draft})
    )
    assert "Đã xác thực với Cơ sở dữ liệu quốc gia về dân cư lúc" in html
    assert "Nơi thường trú đã chuyển sang xã Can Lộc." in html
    assert verified_for_dossier(draft.uuid).error_report


def test_a_citizen_signed_in_with_the_national_identity_gets_verified_values_without_a_call(
    client, world, settings
):
    settings.LGSP_URL = "http://127.0.0.1:9"  # nothing listens: a call would fail
    citizen = CitizenFactory(personal_id=THU.personal_id, username=THU.personal_id)
    ExternalIdentity.objects.create(
        user=citizen,
        issuer="https://vneid.example",
        subject="s-1",
        verified_at=timezone.now(),
        claims={
            "personal_id": THU.personal_id,
            "full_name": THU.full_name,
            "birth_date": "1988-03-14",
            "sex": "female",
            "address": THU.permanent_address,
        },
    )
    procedure = ProcedureFactory(agencies=[world.justice], form_schema=SCHEMA)
    client.force_login(citizen)
    page = open_page(client, f"/thu-tuc/{procedure.code}/nop-ho-so/")
    assert field(page, "full_name").get("readonly") is not None
    assert "Đã xác thực với Định danh điện tử" in page.text
    assert not page.has_form("Lấy thông tin từ CSDL quốc gia về dân cư")


def test_a_business_is_not_offered_the_population_database(client, world):
    procedure = ProcedureFactory(agencies=[world.justice], form_schema=SCHEMA)
    client.force_login(BusinessFactory())
    page = open_page(client, f"/thu-tuc/{procedure.code}/nop-ho-so/")
    assert not page.has_form("Lấy thông tin từ CSDL quốc gia về dân cư")


def test_an_unreachable_database_says_so_and_the_form_stays_as_it_was(client, thu, world, settings):
    settings.LGSP_URL = "http://127.0.0.1:9"
    procedure = ProcedureFactory(agencies=[world.justice], form_schema=SCHEMA)
    client.force_login(thu)
    page = open_page(client, f"/thu-tuc/{procedure.code}/nop-ho-so/")
    page = submit(client, page.form("Lấy thông tin từ CSDL quốc gia về dân cư").fill(consent="on"))
    assert "Không kết nối được với cơ sở dữ liệu quốc gia về dân cư" in page.text
    assert field(page, "full_name").get("readonly") is None
