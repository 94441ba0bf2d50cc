"""The national catalogue as the National Public Service Portal publishes it.

A folder holds ``procedures.csv`` (every procedure: Mã số, Tên, Cơ quan ban
hành, Cơ quan thực hiện, Lĩnh vực, URL; UTF-8 with BOM) and ``sheets/``, one
markdown sheet per procedure for which the full page was exported
(``<code with . replaced by _>_procedure_detail.md``, layout in
``national_sheet``). Every CSV row becomes a record; a sheet, when there is
one, fills in the rest. A sheet whose code is not in the CSV is imported on
its own.

The portal's text is messy, so reading never stops at a part it does not
understand: the procedure is imported with what could be read, and a
:class:`SheetWarning` says which part of which procedure was left out.

What the sheets cannot tell, and how we fill it:

- full vs partial online service (Decree 42/2022): a sheet only lists the
  channels, so a procedure with a "Trực tuyến" channel is ``partial`` and one
  without is ``offline``; a province raises it to ``full`` where it applies;
- the agencies of the province (``agencies``): mapped by the province later;
- which documents are optional: all are ``mandatory``.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from motcua.catalogue.importers import national_values as values
from motcua.catalogue.importers.national_sheet import Sheet, parse_sheet, section_text
from motcua.catalogue.models import OnlineLevel
from motcua.catalogue.services import RowProblem

CSV_NAME = "procedures.csv"
SHEETS_DIR = "sheets"
SHEET_SUFFIX = "_procedure_detail.md"
DEFAULT_FIELD = "Khác"
CODE_LENGTH = 40  # Procedure.code

# Lengths of the text columns that are CharFields (SQLite would not complain, PostgreSQL would).
_MAX_LENGTH = {"decision_number": 120, "procedure_type": 200, "issuing_body": 255}


@dataclass
class SheetWarning(RowProblem):
    """A part of a procedure that could not be read; the procedure is imported without it.

    ``kind`` groups warnings for the import summary: ``time``, ``fee``, ``level``,
    ``document``, ``channel``, ``fallback``, ``field``, ``sheet``.
    """

    kind: str = "other"


Warn = Callable[[str, str], None]


def is_national_csv(path: Path) -> bool:
    return path.name == CSV_NAME and (path.parent / SHEETS_DIR).is_dir()


def sheet_path(folder: Path, code: str) -> Path:
    return Path(folder) / SHEETS_DIR / f"{code.replace('.', '_')}{SHEET_SUFFIX}"


def _nfc(text: str) -> str:
    # About a quarter of the sheets (and parts of the CSV) are in decomposed Unicode (NFD);
    # matching "Đồng" or "ngày" and searching later both need one form.
    return unicodedata.normalize("NFC", text)


def read(folder: Path) -> tuple[list[tuple[int | str, dict]], list[RowProblem]]:
    """Records for ``import_procedures`` from a national-catalogue folder, and the warnings met."""
    folder = Path(folder)
    warnings: list[RowProblem] = []
    rows: dict[str, tuple[int | str, dict]] = {}
    csv_path = folder / CSV_NAME
    if csv_path.exists():
        for line, record in read_csv(csv_path.read_text(encoding="utf-8-sig"), warnings=warnings):
            if record["code"] in rows:
                message = f"mã {record['code']} đã có ở dòng {rows[record['code']][0]}, bỏ dòng này"
                warnings.append(SheetWarning(line, message, "duplicate"))
                continue
            rows[record["code"]] = (line, record)
    sheets_dir = folder / SHEETS_DIR
    for path in sorted(sheets_dir.glob(f"*{SHEET_SUFFIX}")) if sheets_dir.is_dir() else []:
        label = f"{SHEETS_DIR}/{path.name}"

        def warn(kind: str, message: str, label: str = label) -> None:
            warnings.append(SheetWarning(label, message, kind))

        sheet = parse_sheet(_nfc(path.read_text(encoding="utf-8")))
        code = sheet.value("Mã thủ tục")
        if not code:
            code = path.name.removesuffix(SHEET_SUFFIX).replace("_", ".")
            warn("sheet", f"phiếu không ghi mã thủ tục, lấy mã {code} theo tên tệp")
        if code in rows:
            apply_sheet(rows[code][1], sheet, warn=warn)
        else:
            record = {"code": code, "name": "", "field": ""}
            apply_sheet(record, sheet, warn=warn)
            rows[code] = (label, record)
    return [row for row in rows.values() if _importable(*row, warnings=warnings)], warnings


def _importable(line: int | str, record: dict, *, warnings: list[RowProblem]) -> bool:
    """Fill the field if missing; leave out (with a warning) what the catalogue cannot hold.

    One unusable procedure must not reject the other five thousand, as it
    would if it reached ``import_procedures``.
    """
    code = record["code"]
    if len(code) > CODE_LENGTH or not record["name"]:
        problem = f"mã dài quá {CODE_LENGTH} ký tự" if len(code) > CODE_LENGTH else "không có tên thủ tục"
        warnings.append(SheetWarning(line, f"thủ tục {code[:60]}: {problem}, không nhập", "sheet"))
        return False
    if not record["field"]:
        record["field"] = DEFAULT_FIELD
        warnings.append(
            SheetWarning(line, f"thủ tục {code}: không có lĩnh vực, xếp vào “{DEFAULT_FIELD}”", "field")
        )
    return True


def read_csv(text: str, *, warnings: list[RowProblem]) -> list[tuple[int, dict]]:
    """One record per row of ``procedures.csv``, with its line number; the sheet is added later."""
    reader = csv.DictReader(io.StringIO(_nfc(text)))
    rows = []
    for row in reader:
        get = _getter(row)
        code = get("Mã số")
        if not code:
            warnings.append(SheetWarning(reader.line_num, "dòng không có mã thủ tục, bỏ qua", "sheet"))
            continue
        record = {
            "code": code,
            "name": get("Tên"),
            # The portal joins several fields with "; "; a procedure has one field here: the first.
            "field": get("Lĩnh vực").split(";")[0].strip(),
            "issuing_body": get("Cơ quan ban hành"),
            "implementing_agencies": get("Cơ quan thực hiện"),
            "source_url": get("URL"),
            "has_full_sheet": False,
        }
        rows.append((reader.line_num, _clipped(record)))
    return rows


def _getter(row: dict) -> Callable[[str], str]:
    """A cell of a CSV row with its whitespace collapsed (names are cut across lines in places)."""
    return lambda key: " ".join((row.get(key) or "").split())


def _clipped(record: dict) -> dict:
    for key, length in _MAX_LENGTH.items():
        if len(record.get(key, "")) > length:
            record[key] = record[key][: length - 1] + "…"
    return record


def _sheet_agencies(sheet: Sheet) -> str:
    text = sheet.text("Cơ quan thực hiện")
    # Fallback sheets sometimes repeat the documents list under this heading.
    return "" if "Tên giấy tờ" in text else text


def apply_sheet(record: dict, sheet: Sheet, *, warn: Warn) -> dict:
    """Fill ``record`` (from the CSV, or bare) with what the sheet says."""
    code = record["code"]
    record["has_full_sheet"] = True
    record["name"] = record.get("name") or " ".join(sheet.title.split())
    record["field"] = sheet.value("Lĩnh vực") or record.get("field", "")
    levels, unknown = values.parse_levels(sheet.value("Cấp thực hiện"))
    record["levels"] = levels
    if unknown:
        warn("level", f"thủ tục {code}: không nhận ra cấp thực hiện “{', '.join(unknown)}”")
    for key, label in (
        ("decision_number", "Số quyết định"),
        ("procedure_type", "Loại thủ tục"),
        ("target_groups", "Đối tượng thực hiện"),
        ("competent_authority", "Cơ quan có thẩm quyền"),
    ):
        record[key] = sheet.value(label)
    if not record.get("source_url"):
        record["source_url"] = sheet.value("Nguồn fallback")
    if not record.get("implementing_agencies"):
        record["implementing_agencies"] = _sheet_agencies(sheet)
    record["steps_text"] = sheet.text("Trình tự thực hiện")
    record["description"] = sheet.text("Mô tả")
    record["result"] = values.result_text(sheet.text("Kết quả xử lý"))
    record["legal_basis"] = values.parse_legal_basis(sheet.tables("Căn cứ pháp lý"))
    conditions = sheet.text("Yêu cầu, điều kiện thực hiện")
    if sheet.is_fallback:
        warn(
            "fallback",
            f"thủ tục {code}: phiếu dạng rút gọn, cách thức và thành phần hồ sơ đọc từ văn bản liền",
        )
        channels = values.parse_flat_channels(sheet.text("Cách thức thực hiện"))
        documents, leftover = values.parse_flat_documents(sheet.text("Thành phần hồ sơ"))
        if leftover:
            conditions = _with_remarks(conditions, [leftover])
    else:
        channels, problems = values.parse_channels(sheet.tables("Cách thức thực hiện"))
        for problem in problems:
            warn("channel", f"thủ tục {code}: {problem}")
        documents, remarks, problems = values.parse_documents(sheet.tables("Thành phần hồ sơ"))
        for problem in problems:
            warn("document", f"thủ tục {code}: {problem}")
        conditions = _with_remarks(conditions, remarks)
    # An empty table is the portal listing no documents; text with no table, or a flat text
    # that could not be split, is documents we failed to read.
    if not documents and (sheet.is_fallback or not sheet.tables("Thành phần hồ sơ")):
        if section_text(sheet.sections.get("Thành phần hồ sơ", "")):
            warn("document", f"thủ tục {code}: không đọc được thành phần hồ sơ nào")
    record["conditions"] = conditions
    record["documents"] = documents
    record["channels"] = channels
    record["online_level"] = (
        OnlineLevel.PARTIAL.value
        if any(c["channel"].startswith(values.ONLINE) for c in channels)
        else OnlineLevel.OFFLINE.value
    )
    _apply_time_and_fees(record, channels, warn=warn)
    return _clipped(record)


def _with_remarks(conditions: str, remarks: list[str]) -> str:
    """The "Lưu ý" lines of the documents section, kept under the conditions where an applicant reads them."""
    if not remarks:
        return conditions
    block = "Lưu ý về thành phần hồ sơ:\n" + "\n".join(f"- {remark}" for remark in remarks)
    return f"{conditions}\n\n{block}" if conditions else block


def _apply_time_and_fees(record: dict, channels: list[dict], *, warn: Warn) -> None:
    """The processing time and the fees, both from one channel: in person if readable, else the first readable."""
    code = record["code"]
    if not channels:
        warn("channel", f"thủ tục {code}: không có cách thức thực hiện, không rõ thời hạn và phí")
        return
    in_person = [c for c in channels if c["channel"].startswith(values.IN_PERSON)]
    ordered = in_person + [c for c in channels if c not in in_person]
    chosen, time = ordered[0], None
    for channel in ordered:
        time = values.parse_time(channel["time"])
        if time is not None:
            chosen = channel
            break
    if time is None:
        shown = chosen["time"] or "trống"
        warn("time", f"thủ tục {code}: không hiểu thời hạn giải quyết “{shown[:120]}”")
    else:
        record["processing_time"] = time
    if chosen["fee"]:
        fees, unparsed = values.parse_fees(chosen["fee"])
    else:
        # The fee column is empty on almost every sheet; the fee, when given, is in the description.
        fees, unparsed = values.parse_fees(chosen["description"], labelled_only=True)
    record["fees"] = fees
    if unparsed:
        record["fee_note"] = "\n".join(unparsed)
        warn("fee", f"thủ tục {code}: không hiểu phí, lệ phí “{' / '.join(unparsed)[:160]}”")
