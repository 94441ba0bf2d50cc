"""E-forms: the data an applicant types, described per procedure by a JSON Schema.

The schema is standard JSON Schema (draft 2020-12, an object of properties,
``title`` being the label shown). Validation is done by the ``jsonschema``
library; this module turns its errors into one Vietnamese sentence per field.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import SchemaError

SUPPORTED_TYPES = {"string", "integer", "number", "boolean", "array", "object"}


def schema_problems(schema: dict) -> list[str]:
    """What is wrong with a procedure's e-form schema (empty when it can be used)."""
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        return [f"không phải JSON Schema hợp lệ: {exc.message}"]
    if schema.get("type") != "object":
        return ['biểu mẫu phải có "type": "object"']
    problems = []
    properties = schema.get("properties", {})
    for name, spec in properties.items():
        if spec.get("type") not in SUPPORTED_TYPES:
            problems.append(f"trường {name}: kiểu {spec.get('type')!r} chưa hỗ trợ")
    for name in schema.get("required", []):
        if name not in properties:
            problems.append(f"trường bắt buộc {name} không có trong properties")
    return problems


def _label(schema: dict, field: str) -> str:
    return schema.get("properties", {}).get(field, {}).get("title", field)


def _message(error, schema: dict, field: str) -> str:
    label = _label(schema, field)
    spec = error.schema if isinstance(error.schema, dict) else {}
    kind = error.validator
    if kind == "required":
        return _("Cần nhập %(label)s.") % {"label": label}
    if kind == "type":
        expected = {
            "string": _("chuỗi ký tự"),
            "integer": _("số nguyên"),
            "number": _("số"),
            "boolean": _("có/không"),
            "array": _("danh sách"),
            "object": _("nhóm thông tin"),
        }.get(str(error.validator_value), str(error.validator_value))
        return _("%(label)s phải là %(expected)s.") % {"label": label, "expected": expected}
    if kind == "maxLength":
        return _("%(label)s dài tối đa %(n)d ký tự.") % {"label": label, "n": spec.get("maxLength")}
    if kind == "minLength":
        if spec.get("minLength") == 1:
            return _("Cần nhập %(label)s.") % {"label": label}
        return _("%(label)s cần ít nhất %(n)d ký tự.") % {"label": label, "n": spec.get("minLength")}
    if kind == "pattern":
        return spec.get("errorMessage") or _("%(label)s không đúng định dạng.") % {"label": label}
    if kind == "enum":
        return _("%(label)s phải là một trong: %(values)s.") % {
            "label": label,
            "values": ", ".join(map(str, spec.get("enum", []))),
        }
    if kind == "format":
        if spec.get("format") == "date":
            return _("%(label)s phải là ngày hợp lệ (YYYY-MM-DD).") % {"label": label}
        if spec.get("format") == "email":
            return _("%(label)s phải là địa chỉ thư điện tử hợp lệ.") % {"label": label}
        return _("%(label)s không đúng định dạng.") % {"label": label}
    if kind == "minimum":
        return _("%(label)s phải từ %(n)s trở lên.") % {"label": label, "n": spec.get("minimum")}
    if kind == "maximum":
        return _("%(label)s phải không quá %(n)s.") % {"label": label, "n": spec.get("maximum")}
    if kind == "additionalProperties":
        return _("Biểu mẫu không có trường %(label)s.") % {"label": label}
    return _("%(label)s không hợp lệ.") % {"label": label}


def form_errors(schema: dict, data: Any) -> dict[str, list[str]]:
    """Per-field messages for ``data`` against ``schema``; empty when the data is valid."""
    if not schema:
        return {} if isinstance(data, dict) else {"form_data": [_("Dữ liệu biểu mẫu phải là một đối tượng.")]}
    if not isinstance(data, dict):
        return {"form_data": [_("Dữ liệu biểu mẫu phải là một đối tượng.")]}
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    errors: dict[str, list[str]] = {}
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.path)):
        if error.validator == "required":
            missing = error.message.split("'")[1] if "'" in error.message else "form_data"
            field = missing
        elif error.validator == "additionalProperties":
            extra = sorted(set(data) - set(schema.get("properties", {})))
            for name in extra:
                errors.setdefault(name, []).append(_message(error, schema, name))
            continue
        else:
            field = str(error.path[0]) if error.path else "form_data"
        errors.setdefault(field, []).append(_message(error, schema, field))
    return errors
