"""Verified data from the national land database (docs/lgsp-land.yaml) on a citizen's e-form: the demo
procedure "Đăng ký biến động quyền sử dụng đất…" (1.013831) asks for the parcel with ``x-prefill``;
the citizen consents (naming the certificate when they hold several parcels), the parcel's fields are
filled and locked, the official sees the source; a parcel the citizen holds no rights on is never
read. The adapter talks to motcua's sandbox over HTTP as it would to the province's LGSP."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.template import Context, Template

from motcua.accounts.models import DataFetch
from motcua.accounts.national_data import NationalDataUnavailable, fetch_land_data, providers, sandbox_token
from motcua.demo.land import PARCELS
from motcua.demo.population import RESIDENTS
from motcua.dossiers.models import Dossier
from motcua_testing.factories import CitizenFactory, ProcedureFactory
from motcua_testing.pages import open_page, submit

pytestmark = pytest.mark.django_db(transaction=True)

CATALOGUE = Path(__file__).resolve().parents[2] / "demo" / "catalogue.json"
TRANSFER = next(p for p in json.loads(CATALOGUE.read_text())["procedures"] if p["code"] == "1.013831")
THU, KHANH, NAM = RESIDENTS
THU_HOUSE, THU_GARDEN, KHANH_HOUSE, STRANGERS = PARCELS
FETCH = "Lấy thông tin từ CSDL quốc gia về đất đai"


@pytest.fixture
def sandbox(settings, live_server):
    settings.OIDC_SANDBOX = True
    settings.LGSP_URL = live_server.url + "/sandbox/lgsp"
    settings.LGSP_TOKEN = sandbox_token()
    return live_server


@pytest.fixture
def procedure(world):
    return ProcedureFactory(agencies=[world.justice], form_schema=TRANSFER["form_schema"])


def citizen(resident):
    return CitizenFactory(personal_id=resident.personal_id, username=resident.personal_id)


def field(page, name):
    return page.tree.get_element_by_id(f"id_f_{name}")


def test_a_citizen_fills_the_parcel_from_the_land_database_and_cannot_change_it(client, sandbox, procedure):
    applicant = citizen(KHANH)
    client.force_login(applicant)
    page = open_page(client, f"/thu-tuc/{procedure.code}/nop-ho-so/")
    assert "Điền sẵn thông tin thửa đất từ Cơ sở dữ liệu quốc gia về đất đai" in page.text
    page = submit(client, page.form(FETCH))
    assert "Cần Ông/Bà đồng ý" in page.text and not DataFetch.objects.exists()
    page = submit(client, page.form(FETCH).fill(consent="on"))
    assert field(page, "certificate_serial").get("value") == KHANH_HOUSE.certificate
    assert field(page, "map_sheet").get("value") == str(KHANH_HOUSE.sheet)
    assert field(page, "parcel_number").get("value") == str(KHANH_HOUSE.number)
    assert field(page, "land_address").get("value") == KHANH_HOUSE.address
    assert all(field(page, n).get("readonly") is not None for n in ("certificate_serial", "parcel_number"))
    assert "Đã xác thực với Cơ sở dữ liệu quốc gia về đất đai" in page.text
    form = page.form(button="Lưu nháp").fill(f_parcel_number="999", f_transferor_full_name=KHANH.full_name)
    submit(client, form)
    draft = Dossier.objects.get(procedure=procedure)
    assert draft.form_data["parcel_number"] == KHANH_HOUSE.number  # the database's, not what was typed
    assert draft.form_data["land_area"] == KHANH_HOUSE.area
    assert draft.form_data["map_sheet"] == KHANH_HOUSE.sheet
    assert draft.form_data["transferor_full_name"] == KHANH.full_name
    fetch = DataFetch.objects.get(user=applicant)
    assert (fetch.source, fetch.purpose) == ("land", procedure.code)
    assert {"land_certificate_number", "land_sheet_number", "land_parcel_number", "land_area"} <= set(
        fetch.fields
    )
    html = Template("{% load national_data %}{% verified_form_data dossier %}").render(
        Context({"dossier": draft})
    )
    assert "Đã xác thực với Cơ sở dữ liệu quốc gia về đất đai lúc" in html


def test_a_holder_of_two_parcels_names_the_certificate_and_it_is_kept(client, sandbox, procedure):
    client.force_login(citizen(THU))
    page = open_page(client, f"/thu-tuc/{procedure.code}/nop-ho-so/")
    page = submit(client, page.form(FETCH).fill(consent="on"))
    assert "2 thửa đất" in page.text and THU_GARDEN.certificate in page.text
    assert field(page, "certificate_serial").get("readonly") is None and not DataFetch.objects.exists()
    page = submit(client, page.form(FETCH).fill(consent="on", certificate="dđ204117"))
    assert field(page, "certificate_serial").get("value") == THU_GARDEN.certificate
    assert field(page, "land_address").get("value") == THU_GARDEN.address


def test_a_parcel_the_citizen_holds_no_rights_on_is_not_read(client, sandbox, procedure):
    client.force_login(citizen(THU))
    page = open_page(client, f"/thu-tuc/{procedure.code}/nop-ho-so/")
    page = submit(client, page.form(FETCH).fill(consent="on", certificate=STRANGERS.certificate))
    assert "không có thửa đất nào Ông/Bà có quyền sử dụng" in page.text
    assert STRANGERS.address not in page.text
    assert page.form(FETCH).data()["certificate"] == [STRANGERS.certificate]  # what was typed is kept
    assert field(page, "certificate_serial").get("readonly") is None and not DataFetch.objects.exists()


def test_the_adapter_keeps_only_parcels_listing_the_citizen_and_refuses_a_wrong_token(sandbox, settings):
    verified = fetch_land_data(user=citizen(KHANH), purpose="1.013831", consent=True)
    assert verified.values["land_use_form"] == "Sử dụng riêng"
    assert verified.values["land_register_number"] == KHANH_HOUSE.register_number
    assert verified.values["land_use_purpose"] == KHANH_HOUSE.purpose
    with pytest.raises(NationalDataUnavailable):  # a citizen with no parcel
        fetch_land_data(user=citizen(NAM), purpose="1.013831", consent=True)
    settings.LGSP_TOKEN = "sai"
    with pytest.raises(NationalDataUnavailable):
        providers.get("lgsp-land").fetch(
            number=KHANH.personal_id, purpose="1.013831", consented_at=verified.at
        )


def test_the_adapter_drops_a_parcel_that_does_not_list_the_citizen(sandbox, monkeypatch):
    """Should the platform answer somebody else's parcel, motcua does not use it nor record a read."""
    monkeypatch.setattr("motcua.demo.lgsp_sandbox.parcels_of", lambda *args: [STRANGERS])
    with pytest.raises(NationalDataUnavailable) as refused:
        fetch_land_data(user=citizen(KHANH), purpose="1.013831", consent=True)
    assert refused.value.code == "not_found" and not DataFetch.objects.exists()


def test_the_sandbox_answers_as_the_documented_protocol_says(sandbox):
    """docs/lgsp-land.yaml is the contract: the sandbox's answers and errors match its schemas, and
    it answers only parcels listing the asker among the right holders."""
    import httpx
    import jsonschema
    import yaml

    spec = yaml.safe_load((Path(__file__).resolve().parents[4] / "docs" / "lgsp-land.yaml").read_text())
    schemas = spec["components"]["schemas"]
    path = "/api/dat-dai/v1/thua-dat"
    assert path in spec["paths"]
    url = sandbox.url + "/sandbox/lgsp" + path
    headers = {
        "Authorization": f"Bearer {sandbox_token()}",
        "X-Muc-Dich": "1.013831",
        "X-Dong-Y": "2026-12-01T00:00:00Z",
    }
    answer = httpx.get(url, params={"soDinhDanh": THU.personal_id}, headers=headers)
    assert answer.status_code == 200
    listing = {**schemas["DanhSachThuaDat"], "components": {"schemas": schemas}}  # its $refs resolve here
    jsonschema.validate(answer.json(), listing)
    assert {p["soPhatHanhGCN"] for p in answer.json()["danhSach"]} == {
        THU_HOUSE.certificate,
        THU_GARDEN.certificate,
    }
    for params, status, changed in (
        ({"soDinhDanh": THU.personal_id, "soPhatHanhGCN": STRANGERS.certificate}, 404, {}),
        ({"soDinhDanh": NAM.personal_id}, 404, {}),
        ({"soDinhDanh": "12"}, 400, {}),
        ({"soDinhDanh": THU.personal_id}, 401, {"Authorization": "Bearer sai"}),
        ({"soDinhDanh": THU.personal_id}, 400, {"X-Dong-Y": ""}),
    ):
        answer = httpx.get(url, params=params, headers={**headers, **changed})
        assert answer.status_code == status and str(status) in spec["paths"][path]["get"]["responses"]
        jsonschema.validate(answer.json(), schemas["Loi"])
