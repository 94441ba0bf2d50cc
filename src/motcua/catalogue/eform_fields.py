"""The e-form as an HTML form: fields drawn from the procedure's JSON Schema, and what a browser
posts read back into JSON values.

Validation stays in ``eforms.form_errors`` (jsonschema, one Vietnamese sentence
per field); this module only decides how each property is shown and turns the
text a browser sends into the JSON type the schema expects. What cannot be
turned (letters in a number field) is kept as typed, so a draft never loses it
and validation names the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

ORDER_KEY = "x-order"
PREFIX = "f_"
_DIGITS_PATTERN = re.compile(r"^\^?(0|\\d|\[0-9\])[\\d{}\[\]0-9,]*\$?$")
_GROUPED_INTEGER = re.compile(r"^-?\d{1,3}([.,  ]\d{3})+$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def with_field_order(schema: dict) -> dict:
    """The schema with the order of its properties written down (``x-order``).

    PostgreSQL's ``jsonb`` does not keep the order of an object's keys, and the
    order in which the author listed the fields is the order the form must show.
    Validators ignore the unknown keyword.
    """
    if not isinstance(schema, dict) or not isinstance(schema.get("properties"), dict):
        return schema
    if isinstance(schema.get(ORDER_KEY), list):
        return schema
    return {**schema, ORDER_KEY: list(schema["properties"])}


def field_order(schema: dict) -> list[str]:
    properties = schema.get("properties") or {}
    listed = [name for name in schema.get(ORDER_KEY) or [] if name in properties]
    required = [name for name in schema.get("required") or [] if name in properties and name not in listed]
    rest = [name for name in properties if name not in listed and name not in required]
    return listed + required + rest


@dataclass
class EFormField:
    name: str
    label: str
    kind: str  # text, textarea, date, email, integer, number, boolean, choice
    required: bool
    value: Any = None
    choices: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    max_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    numeric: bool = False  # digits only (identity numbers, phone numbers): a numeric keypad on phones
    help: str = ""

    @property
    def html_name(self) -> str:
        return PREFIX + self.name

    @property
    def input_id(self) -> str:
        return "id_" + self.html_name

    @property
    def text_value(self) -> str:
        if self.value is None:
            return ""
        if isinstance(self.value, bool):
            return "true" if self.value else ""
        if isinstance(self.value, float) and self.value.is_integer():
            return str(int(self.value))
        return str(self.value)

    @property
    def radios(self) -> bool:
        return self.kind == "choice" and len(self.choices) <= 4


def _kind(spec: dict) -> str:
    kind = spec.get("type")
    if kind == "string":
        if spec.get("enum"):
            return "choice"
        if spec.get("format") == "date":
            return "date"
        if spec.get("format") == "email":
            return "email"
        if (spec.get("maxLength") or 0) > 300:
            return "textarea"
        return "text"
    if kind in ("integer", "number", "boolean"):
        return kind
    return "text"


def eform_fields(schema: dict, values: dict | None = None, errors: dict | None = None) -> list[EFormField]:
    """The fields to render, in the author's order, with the values and errors to show."""
    values, errors = values or {}, errors or {}
    properties = schema.get("properties") or {}
    required = set(schema.get("required") or [])
    fields = []
    for name in field_order(schema):
        spec = properties[name] if isinstance(properties[name], dict) else {}
        kind = _kind(spec)
        fields.append(
            EFormField(
                name=name,
                label=str(spec.get("title") or name),
                kind=kind,
                required=name in required,
                value=values.get(name),
                choices=[str(c) for c in spec.get("enum") or []],
                errors=list(errors.get(name, [])),
                max_length=spec.get("maxLength"),
                minimum=spec.get("minimum"),
                maximum=spec.get("maximum"),
                numeric=kind == "integer" or bool(_DIGITS_PATTERN.match(spec.get("pattern") or "x")),
                help=str(spec.get("description") or ""),
            )
        )
    return fields


def _integer(text: str):
    compact = text.replace(" ", "").replace("\u00a0", "")
    if _GROUPED_INTEGER.match(text.strip()):  # 2.000.000.000 or 2,000,000,000
        compact = re.sub(r"[.,\s\u00a0]", "", text)
    try:
        return int(compact)
    except ValueError:
        return text


def _number(text: str):
    compact = text.replace(" ", "").replace("\u00a0", "")
    if compact.count(",") == 1 and "." not in compact:  # 285,5 (Vietnamese decimal comma)
        compact = compact.replace(",", ".")
    try:
        value = float(compact)
    except ValueError:
        return text
    return value if value == value and value not in (float("inf"), float("-inf")) else text


def _date(text: str) -> str:
    match = _DMY.match(text)
    if match:  # 28/10/2026, typed where the browser has no date picker
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return text
    return text


def read_form(schema: dict, posted) -> dict:
    """JSON values from a browser's POST (``QueryDict``); empty fields are left out, so ``required`` names them."""
    properties = schema.get("properties") or {}
    data: dict[str, Any] = {}
    for name, spec in properties.items():
        spec = spec if isinstance(spec, dict) else {}
        kind = spec.get("type")
        if kind == "boolean":
            data[name] = posted.get(PREFIX + name) in ("on", "true", "1", "yes")
            continue
        raw = posted.get(PREFIX + name)
        if raw is None:
            continue
        text = str(raw).strip()
        if not text:
            continue
        if kind == "integer":
            data[name] = _integer(text)
        elif kind == "number":
            data[name] = _number(text)
        elif spec.get("format") == "date":
            data[name] = _date(text)
        else:
            data[name] = text
    return data


def display_rows(schema: dict, data: dict) -> list[tuple[str, Any, str]]:
    """``(label, value, kind)`` of every answered field, in the author's order (review pages, receipts)."""
    rows = []
    for item in eform_fields(schema, data):
        if item.value is None or item.value == "":
            continue
        value = item.value
        if item.kind == "date" and isinstance(value, str):
            try:
                value = date.fromisoformat(value).strftime("%d/%m/%Y")
            except ValueError:
                pass
        rows.append((item.label, value, item.kind))
    return rows
