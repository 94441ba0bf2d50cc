"""The e-form as a page: fields in the author's order, browser text read back into JSON values."""

from django.http import QueryDict

from motcua.catalogue.eform_fields import display_rows, eform_fields, read_form, with_field_order
from motcua.catalogue.eforms import form_errors

SCHEMA = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "title": "Họ và tên", "maxLength": 100},
        "born": {"type": "string", "title": "Ngày sinh", "format": "date"},
        "sex": {"type": "string", "title": "Giới tính", "enum": ["Nam", "Nữ"]},
        "floors": {"type": "integer", "title": "Số tầng", "minimum": 1},
        "area": {"type": "number", "title": "Diện tích (m²)"},
        "capital": {"type": "integer", "title": "Vốn điều lệ (đồng)"},
        "urgent": {"type": "boolean", "title": "Khẩn cấp"},
        "id": {"type": "string", "title": "Số định danh", "pattern": "^\\d{12}$"},
    },
    "required": ["name", "floors"],
}


def _post(**values) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in values.items():
        query[f"f_{key}"] = value
    return query


def test_the_fields_keep_the_author_order_even_when_the_database_sorts_keys():
    ordered = with_field_order(SCHEMA)
    shuffled = {**ordered, "properties": dict(sorted(ordered["properties"].items()))}
    assert [f.name for f in eform_fields(shuffled)] == list(SCHEMA["properties"])


def test_without_an_order_the_required_fields_come_first():
    shuffled = {**SCHEMA, "properties": dict(sorted(SCHEMA["properties"].items()))}
    assert [f.name for f in eform_fields(shuffled)][:2] == ["name", "floors"]


def test_browser_text_becomes_json_values():
    data = read_form(
        SCHEMA,
        _post(
            name=" Lê Văn Bình ",
            born="28/10/2026",
            sex="Nam",
            floors="3",
            area="285,5",
            capital="2.000.000.000",
            urgent="on",
        ),
    )
    assert data == {
        "name": "Lê Văn Bình",
        "born": "2026-10-28",
        "sex": "Nam",
        "floors": 3,
        "area": 285.5,
        "capital": 2_000_000_000,
        "urgent": True,
    }
    assert form_errors(SCHEMA, data) == {}


def test_what_cannot_be_read_is_kept_as_typed_and_named_by_validation():
    data = read_form(SCHEMA, _post(name="", floors="ba tầng"))
    assert data == {"floors": "ba tầng", "urgent": False}
    errors = form_errors(SCHEMA, data)
    assert errors["name"] == ["Cần nhập Họ và tên."]
    assert errors["floors"] == ["Số tầng phải là số nguyên."]


def test_widgets_follow_the_schema():
    kinds = {f.name: (f.kind, f.numeric, f.radios) for f in eform_fields(SCHEMA)}
    assert kinds["born"][0] == "date" and kinds["sex"] == ("choice", False, True)
    assert kinds["id"][1] is True and kinds["urgent"][0] == "boolean"


def test_review_rows_show_answered_fields_with_their_labels():
    rows = display_rows(SCHEMA, {"floors": 3, "name": "An"})
    assert rows == [("Họ và tên", "An", "text"), ("Số tầng", 3, "integer")]
