import pytest

from motcua_testing.factories import DocumentFactory, FeeFactory, FieldFactory, ProcedureFactory

pytestmark = pytest.mark.django_db


def test_procedures_are_listed_with_pagination(api, world):
    ProcedureFactory.create_batch(25)
    body = api.get("/api/v1/procedures/?page_size=10").json()
    assert body["count"] == 26
    assert len(body["results"]) == 10
    assert body["next"].endswith("page=2&page_size=10")


def test_procedures_are_filtered_by_field_level_agency_and_online_level(api, world):
    land = FieldFactory(code="dat-dai", name="Đất đai")
    commune_land = ProcedureFactory(field=land, levels=["commune"], online_level="partial")
    ProcedureFactory(field=land, levels=["province"], online_level="offline")
    assert [
        p["code"] for p in api.get("/api/v1/procedures/?field=dat-dai&level=commune").json()["results"]
    ] == [commune_land.code]
    assert [p["code"] for p in api.get("/api/v1/procedures/?agency=000.00.12.H30").json()["results"]] == [
        world.procedure.code
    ]
    partial = api.get("/api/v1/procedures/?online_level=partial").json()["results"]
    assert [p["code"] for p in partial] == [commune_land.code]


def test_procedure_detail_has_documents_fees_and_form(api, world):
    FeeFactory(procedure=world.procedure, name="Lệ phí hộ tịch", amount=8_000)
    DocumentFactory(procedure=world.procedure, name="Tờ khai đăng ký khai sinh", form_name="Mẫu TKKS")
    body = api.get(f"/api/v1/procedures/{world.procedure.code}/").json()
    assert body["fees"] == [{"kind": "charge", "name": "Lệ phí hộ tịch", "amount": 8000, "note": ""}]
    assert body["documents"][0]["name"] == "Tờ khai đăng ký khai sinh"
    assert body["processing_time"] == {"amount": "3.00", "unit": "working_day", "note": ""}
    assert body["agencies"] == [{"code": "000.00.12.H30", "name": "Sở Tư pháp"}]
    assert "child_name" in body["form_schema"]["properties"]


def test_an_unknown_procedure_is_a_json_404(api, db):
    response = api.get("/api/v1/procedures/0.000000/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
