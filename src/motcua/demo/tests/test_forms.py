"""Sample e-form data for demo dossiers comes from each property's first example."""

from __future__ import annotations

import pytest

from motcua.catalogue import eforms
from motcua.demo.forms import sample_form_data

SCHEMA = {
    "type": "object",
    "properties": {
        "full_name": {
            "type": "string",
            "title": "Họ và tên",
            "examples": ["Nguyễn Văn Hùng", "Trần Thị Mai"],
        },
        "id_number": {
            "type": "string",
            "title": "Số định danh cá nhân",
            "pattern": r"^\d{12}$",
            "errorMessage": "Số định danh cá nhân phải gồm đúng 12 chữ số.",
            "examples": ["042090001234"],
        },
        "copies": {"type": "integer", "title": "Số bản", "minimum": 1, "examples": [2]},
        "urgent": {"type": "boolean", "title": "Khẩn", "examples": [False]},
        "note": {"type": "string", "title": "Ghi chú"},
    },
    "required": ["full_name", "id_number", "copies"],
}


def test_sample_takes_the_first_example_of_each_property():
    assert sample_form_data(SCHEMA) == {
        "full_name": "Nguyễn Văn Hùng",
        "id_number": "042090001234",
        "copies": 2,
        "urgent": False,
    }


def test_sample_is_a_form_the_portal_accepts():
    assert eforms.form_errors(SCHEMA, sample_form_data(SCHEMA)) == {}


def test_optional_property_without_example_is_left_empty():
    assert "note" not in sample_form_data(SCHEMA)


def test_required_property_without_example_is_refused_by_name():
    schema = {**SCHEMA, "required": [*SCHEMA["required"], "note"]}

    with pytest.raises(ValueError, match="note"):
        sample_form_data(schema)


def test_changing_the_sample_leaves_the_schema_alone():
    schema = {
        "type": "object",
        "properties": {"tags": {"type": "array", "title": "Nhãn", "examples": [["a"]]}},
    }

    sample_form_data(schema)["tags"].append("b")

    assert schema["properties"]["tags"]["examples"] == [["a"]]


def test_schema_without_properties_gives_an_empty_form():
    assert sample_form_data({"type": "object"}) == {}
