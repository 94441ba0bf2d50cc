"""The procedure record: the one shape every importer produces and the import service accepts.

A record is a plain dict (the JSON import format, documented in the README):

    {
      "code": "1.001193", "name": "Thủ tục đăng ký khai sinh", "field": "Hộ tịch",
      "levels": ["commune"], "agencies": ["000.00.01.H30"], "online_level": "full",
      "processing_time": {"amount": 1, "unit": "working_day", "note": ""},
      "fees": [{"kind": "charge", "name": "Lệ phí đăng ký khai sinh", "amount": 0}],
      "documents": [{"name": "Tờ khai đăng ký khai sinh", "originals": 1, "copies": 0, "mandatory": true}],
      "steps": [{"name": "Tiếp nhận", "role": "receiver", "target": "receiving", "hours": 1}],
      "legal_basis": [{"name": "Luật Hộ tịch", "number": "60/2014/QH13"}],
      "form_schema": {...JSON Schema...},
      ... text fields: decision_number, procedure_type, issuing_body, competent_authority,
      implementing_agencies, target_groups, description, steps_text, conditions, result,
      fee_note, source_url
    }

``validate_record`` returns the problems of one record as readable sentences;
it never touches the database except through the caches it is given.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from motcua.catalogue.models import Level, OnlineLevel
from motcua.core.calendar import MINUTES_PER_DAY, TimeUnit
from motcua.org.models import Role

TEXT_FIELDS = (
    "decision_number",
    "procedure_type",
    "issuing_body",
    "competent_authority",
    "implementing_agencies",
    "target_groups",
    "description",
    "steps_text",
    "conditions",
    "result",
    "fee_note",
    "source_url",
)
LEVEL_CODES = (Level.CENTRAL, Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)
STEP_TARGETS = ("receiving", "competent")


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def step_minutes(step: dict) -> int | None:
    """A step's time budget in working minutes, from ``minutes``, ``hours`` or ``days``."""
    for key, factor in (("minutes", 1), ("hours", 60), ("days", MINUTES_PER_DAY)):
        if key in step and step[key] is not None:
            number = _number(step[key])
            if number is None or number < 0:
                return None
            return int(number * factor)
    return 0


def validate_record(record: Any, *, known_agencies: set[str]) -> list[str]:
    if not isinstance(record, dict):
        return ["mỗi thủ tục phải là một đối tượng JSON"]
    problems: list[str] = []
    code = record.get("code")
    if not isinstance(code, str) or not code.strip():
        problems.append("thiếu mã thủ tục (code)")
    elif len(code) > 40:
        problems.append("mã thủ tục dài quá 40 ký tự")
    if not isinstance(record.get("name"), str) or not record["name"].strip():
        problems.append("thiếu tên thủ tục (name)")
    if not isinstance(record.get("field"), str) or not record["field"].strip():
        problems.append("thiếu lĩnh vực (field)")
    levels = record.get("levels", [])
    if not isinstance(levels, list) or any(level not in LEVEL_CODES for level in levels):
        problems.append(f"cấp thực hiện (levels) phải là danh sách trong {', '.join(LEVEL_CODES)}")
    agencies = record.get("agencies", [])
    if not isinstance(agencies, list):
        problems.append("agencies phải là danh sách mã cơ quan")
    else:
        unknown = [a for a in agencies if a not in known_agencies]
        if unknown:
            problems.append(f"không có cơ quan mã {', '.join(map(str, unknown))}")
    online = record.get("online_level", OnlineLevel.OFFLINE)
    if online not in OnlineLevel.values:
        problems.append(f"mức độ trực tuyến (online_level) phải là một trong {', '.join(OnlineLevel.values)}")
    time = record.get("processing_time")
    if time is not None:
        if not isinstance(time, dict):
            problems.append("processing_time phải là đối tượng {amount, unit}")
        else:
            amount = time.get("amount")
            if amount is not None and (_number(amount) is None or _number(amount) < 0):
                problems.append("thời hạn giải quyết (processing_time.amount) phải là số không âm")
            if time.get("unit", TimeUnit.WORKING_DAY) not in TimeUnit.__members__.values():
                problems.append("đơn vị thời hạn phải là working_day hoặc working_hour")
    fees = record.get("fees", [])
    if not isinstance(fees, list):
        problems.append("fees phải là danh sách")
    else:
        for i, fee in enumerate(fees, 1):
            amount = fee.get("amount") if isinstance(fee, dict) else None
            if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
                problems.append(f"phí thứ {i}: số tiền phải là số nguyên đồng không âm")
            elif not str(fee.get("name", "")).strip():
                problems.append(f"phí thứ {i}: thiếu tên")
            elif fee.get("kind", "charge") not in ("fee", "charge"):
                problems.append(f"phí thứ {i}: kind phải là fee hoặc charge")
    documents = record.get("documents", [])
    if not isinstance(documents, list):
        problems.append("documents phải là danh sách")
    else:
        for i, doc in enumerate(documents, 1):
            if not isinstance(doc, dict) or not str(doc.get("name", "")).strip():
                problems.append(f"thành phần hồ sơ thứ {i}: thiếu tên")
                continue
            for key in ("originals", "copies"):
                value = doc.get(key, 0)
                if not isinstance(value, int) or isinstance(value, bool) or value < 0 or value > 100:
                    problems.append(f"thành phần hồ sơ thứ {i}: {key} phải là số nguyên 0–100")
    steps = record.get("steps", [])
    if not isinstance(steps, list):
        problems.append("steps phải là danh sách")
    else:
        for i, step in enumerate(steps, 1):
            if not isinstance(step, dict) or not str(step.get("name", "")).strip():
                problems.append(f"bước {i}: thiếu tên")
                continue
            if step.get("role") not in Role.values:
                problems.append(f"bước {i}: vai trò phải là một trong {', '.join(Role.values)}")
            if step.get("target", "competent") not in STEP_TARGETS:
                problems.append(f"bước {i}: target phải là receiving hoặc competent")
            if step.get("agency") and step["agency"] not in known_agencies:
                problems.append(f"bước {i}: không có cơ quan mã {step['agency']}")
            if step_minutes(step) is None:
                problems.append(f"bước {i}: thời gian phải là số không âm")
    schema = record.get("form_schema", {})
    if not isinstance(schema, dict):
        problems.append("form_schema phải là đối tượng JSON Schema")
    elif schema:
        from motcua.catalogue.eforms import schema_problems

        problems.extend(f"form_schema: {p}" for p in schema_problems(schema))
    legal = record.get("legal_basis", [])
    if not isinstance(legal, list):
        problems.append("legal_basis phải là danh sách")
    for key in TEXT_FIELDS:
        if key in record and not isinstance(record[key], str):
            problems.append(f"{key} phải là chuỗi")
    return problems
