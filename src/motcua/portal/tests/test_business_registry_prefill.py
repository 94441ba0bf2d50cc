"""Verified data from the national business registration database (docs/lgsp-business.yaml) on a
business's e-form: the demo procedure "Thông báo tạm ngừng kinh doanh" (2.002029) asks for it with
``x-prefill``; the business consents, the fields are filled and locked, the official sees the source;
the adapter talks to motcua's sandbox over HTTP as it would to the province's LGSP."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.template import Context, Template

from motcua.accounts.models import DataFetch
from motcua.accounts.national_data import (
    NationalDataUnavailable,
    fetch_business_data,
    providers,
    sandbox_token,
)
from motcua.demo.businesses import ENTERPRISES
from motcua.dossiers.models import Dossier
from motcua.testing.factories import BusinessFactory, ProcedureFactory
from motcua.testing.pages import open_page, submit

pytestmark = pytest.mark.django_db(transaction=True)

CATALOGUE = Path(__file__).resolve().parents[2] / "demo" / "catalogue.json"
SUSPENSION = next(p for p in json.loads(CATALOGUE.read_text())["procedures"] if p["code"] == "2.002029")
THANH_SEN, _HONG_LINH, THIEN_CAM = ENTERPRISES
FETCH = "Lấy thông tin từ CSDL quốc gia về đăng ký doanh nghiệp"


@pytest.fixture
def sandbox(settings, live_server):
    settings.OIDC_SANDBOX = True
    settings.LGSP_URL = live_server.url + "/sandbox/lgsp"
    settings.LGSP_TOKEN = sandbox_token()
    return live_server


@pytest.fixture
def procedure(world):
    return ProcedureFactory(agencies=[world.justice], form_schema=SUSPENSION["form_schema"])


def business(enterprise):
    return BusinessFactory(tax_code=enterprise.code, username=enterprise.code, full_name="Tên trên tài khoản")


def field(page, name):
    return page.tree.get_element_by_id(f"id_f_{name}")


def test_a_business_fills_the_form_from_the_registry_and_cannot_change_it(client, sandbox, procedure):
    applicant = business(THANH_SEN)
    client.force_login(applicant)
    page = open_page(client, f"/thu-tuc/{procedure.code}/nop-ho-so/")
    assert "Điền sẵn từ Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp" in page.text
    assert not page.has_form("Lấy thông tin từ CSDL quốc gia về dân cư")
    page = submit(client, page.form(FETCH))
    assert "Cần Ông/Bà đồng ý" in page.text and not DataFetch.objects.exists()
    page = submit(client, page.form(FETCH).fill(consent="on"))
    assert field(page, "enterprise_name").get("value") == THANH_SEN.name  # the registry's, not the account's
    assert field(page, "enterprise_code").get("value") == THANH_SEN.code
    assert field(page, "head_office").get("value") == THANH_SEN.head_office
    assert field(page, "legal_rep_full_name").get("value") == THANH_SEN.representative
    assert all(field(page, n).get("readonly") is not None for n in ("enterprise_name", "legal_rep_full_name"))
    assert "Đã xác thực với Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp" in page.text
    form = page.form(button="Lưu nháp").fill(f_enterprise_name="Công ty Khác", f_reason="Sửa chữa cửa hàng")
    submit(client, form)
    draft = Dossier.objects.get(procedure=procedure)
    assert draft.form_data["enterprise_name"] == THANH_SEN.name
    assert draft.form_data["reason"] == "Sửa chữa cửa hàng"
    fetch = DataFetch.objects.get(user=applicant)
    assert (fetch.source, fetch.purpose) == ("business_registry", procedure.code)
    assert set(fetch.fields) == {
        "organisation_name",
        "tax_code",
        "business_address",
        "legal_representative",
        "business_status",
    }
    html = Template("{% load national_data %}{% verified_form_data dossier %}").render(
        Context({"dossier": draft})
    )
    assert "Đã xác thực với Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp lúc" in html


def test_an_enterprise_the_registry_does_not_know_is_told_and_nothing_is_locked(client, sandbox, procedure):
    client.force_login(BusinessFactory())
    page = open_page(client, f"/thu-tuc/{procedure.code}/nop-ho-so/")
    page = submit(client, page.form(FETCH).fill(consent="on"))
    assert "không có mã số doanh nghiệp này" in page.text
    assert field(page, "enterprise_name").get("readonly") is None


def test_the_adapter_reads_the_status_and_refuses_a_wrong_token(sandbox, settings):
    verified = fetch_business_data(user=business(THIEN_CAM), purpose="2.002029", consent=True)
    assert verified.values["business_status"] == "Tạm ngừng kinh doanh"
    assert verified.values["legal_representative"] == THIEN_CAM.representative
    settings.LGSP_TOKEN = "sai"
    with pytest.raises(NationalDataUnavailable):
        providers.get("lgsp-business").fetch(
            number=THANH_SEN.code, purpose="2.002029", consented_at=verified.at
        )


def test_a_citizen_is_not_offered_the_business_registry(client, procedure, world):
    client.force_login(world.citizen)
    page = open_page(client, f"/thu-tuc/{procedure.code}/nop-ho-so/")
    assert not page.has_form(FETCH)


def test_the_sandbox_answers_as_the_documented_protocol_says(sandbox):
    """docs/lgsp-business.yaml is the contract: the sandbox's answer and errors match its schemas."""
    import httpx
    import jsonschema
    import yaml

    spec = yaml.safe_load((Path(__file__).resolve().parents[4] / "docs" / "lgsp-business.yaml").read_text())
    schemas = spec["components"]["schemas"]
    path = "/api/dang-ky-kinh-doanh/v1/doanh-nghiep/{maSoDoanhNghiep}"
    assert path in spec["paths"]
    url = sandbox.url + "/sandbox/lgsp" + path.replace("{maSoDoanhNghiep}", "{}")
    headers = {
        "Authorization": f"Bearer {sandbox_token()}",
        "X-Muc-Dich": "2.002029",
        "X-Dong-Y": "2026-12-01T00:00:00Z",
    }
    answer = httpx.get(url.format(THANH_SEN.code), headers=headers)
    assert answer.status_code == 200
    jsonschema.validate(answer.json(), schemas["DoanhNghiep"])
    for code, status, changed in (
        ("0000000000", 404, {}),
        ("12", 400, {}),
        (THANH_SEN.code, 401, {"Authorization": "Bearer sai"}),
        (THANH_SEN.code, 400, {"X-Dong-Y": ""}),
    ):
        answer = httpx.get(url.format(code), headers={**headers, **changed})
        assert answer.status_code == status and str(status) in spec["paths"][path]["get"]["responses"]
        jsonschema.validate(answer.json(), schemas["Loi"])
