"""Values as the national portal writes them: times, fees, levels, documents, legal basis.

Each reader takes the text of one cell or table and returns record parts (see
``catalogue.records``), or says it did not understand, so that the caller can
report which part of which procedure was left out. None of them guesses: a
text that does not have a recognised shape is kept as text, not turned into a
number.
"""

from __future__ import annotations

import re

from motcua.catalogue.importers.national_sheet import Table, cell_text, is_empty
from motcua.catalogue.models import Level
from motcua.core.calendar import TimeUnit
from motcua.core.money import parse_vnd

# -- processing time -----------------------------------------------------------------------------

_AMOUNT = r"(?P<amount>\d+(?:[.,]\d+)?)"
_UNIT = r"(?P<unit>ngày làm việc|ngày|giờ làm việc|giờ)"
_EXACT_TIME = re.compile(rf"{_AMOUNT}\s*{_UNIT}", re.IGNORECASE)
_LEADING_TIME = re.compile(
    rf"(?:(?:không quá|tối đa|trong thời hạn|trong vòng|trong)\s+)?{_AMOUNT}\s*{_UNIT}(?!\w)", re.IGNORECASE
)
_SAME_DAY = re.compile(r"(?:thực hiện\s+)?trong ngày(?!\w)", re.IGNORECASE)
# The portal prints "{value} {unit}" even when the value is free text ("Theo mô tả ngày").
_TRAILING_UNIT = re.compile(r"(?<=\D)\s+ngày$")


def _number(text: str) -> int | float:
    value = float(text.replace(",", "."))
    return int(value) if value.is_integer() else value


def parse_time(text: str) -> dict | None:
    """A processing time ``{"amount", "unit", "note"}`` from a cell such as "15 ngày làm việc".

    - "15 ngày làm việc", "4 giờ": the amount and unit, no note;
    - "05 ngày": counted as working days (the only day unit deadlines have),
      with a note keeping the portal's words, since it does not say which;
    - "Trong ngày": one working day, with a note;
    - free text that starts with a time ("Không quá 10 ngày làm việc, ..."):
      that time, the whole text as note;
    - anything else ("N/A", "Theo mô tả", "02 tháng", "0 ngày"): ``None``.
    """
    text = " ".join(cell_text(text or "").split())
    if not text:
        return None
    if _SAME_DAY.match(text):
        note = text if _SAME_DAY.fullmatch(text) else _TRAILING_UNIT.sub("", text)
        return {"amount": 1, "unit": TimeUnit.WORKING_DAY.value, "note": note}
    exact = _EXACT_TIME.fullmatch(text)
    match = exact or _LEADING_TIME.match(_TRAILING_UNIT.sub("", text))
    if match is None:
        return None
    amount = _number(match["amount"])
    if amount <= 0:  # "0 ngày" is how the portal says "không quy định"
        return None
    unit_words = match["unit"].lower()
    unit = TimeUnit.WORKING_HOUR if unit_words.startswith("giờ") else TimeUnit.WORKING_DAY
    if exact is None:
        note = _TRAILING_UNIT.sub("", text)
    elif unit_words.endswith("làm việc"):
        note = ""
    else:
        note = f"Cổng ghi “{text}”, không nói rõ là {'giờ' if unit == TimeUnit.WORKING_HOUR else 'ngày'} làm việc"
    return {"amount": amount, "unit": unit.value, "note": note}


# -- fees ----------------------------------------------------------------------------------------

_FEE_LABEL = re.compile(r"(?<!\w)(lệ phí|phí|mức giá)\s*:", re.IGNORECASE)
_KIND = {"lệ phí": "charge", "phí": "fee", "mức giá": "fee"}
_MONEY = re.compile(r"(?P<amount>\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:đồng|vnđ|vnd|đ)(?!\w)", re.IGNORECASE)
_RANGE = re.compile(r"\d[\d.,]*\s*[-–]\s*\d")
# "Không", "Miễn phí", "không thu lệ phí" said alone; not "Không quy định" (unknown) nor "Miễn phí đối với..."
_FREE = re.compile(
    r"(?:không|miễn)(?: (?:thu|có|phải nộp))?(?: (?:phí|lệ phí))?(?=\s*(?:$|[.;,)\n]|đồng(?!\w)))",
    re.IGNORECASE,
)
_PER_UNIT = re.compile(r"/\s*[^\s.;,()<]+(?:\s+[^\s.;,()<\d]+)?")
_NOISE = re.compile(r"Xem chi tiết", re.IGNORECASE)


def _labels_outside_parentheses(text: str) -> list[re.Match]:
    """Fee labels, ignoring those inside parentheses ("(Lệ phí cấp mới: 20.000 đồng/giấy)" is a note)."""
    depth, labels, position = 0, [], 0
    for match in _FEE_LABEL.finditer(text):
        segment = text[position : match.start()]
        depth = max(0, depth + segment.count("(") - segment.count(")"))
        position = match.start()
        if depth == 0:
            labels.append(match)
    return labels


def _parenthetical(text: str) -> str:
    """The balanced ``(...)`` at the start of ``text``, or ``""``."""
    depth = 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return text[: i + 1] if i else ""
    return text


def _fee_from(label: str, body: str, *, kind: str | None = None) -> dict | None:
    """One fee from the words after its label, or ``None`` if they do not start with an amount."""
    body = _NOISE.sub(" ", body).strip(" \t\n-+;,.")
    kind = kind or _KIND[label.lower()]
    name = label[:1].upper() + label[1:].lower()
    if re.match(r"đồng(?!\w)", body, re.IGNORECASE):  # "Phí: Đồng Không thu lệ phí": amount left blank
        body = body[4:].strip(" -;,.")
    free = _FREE.match(body)
    if free:
        return {"kind": kind, "name": name, "amount": 0, "note": free.group(0)}
    money = _MONEY.match(body)
    if money is None or _RANGE.match(body):
        return None
    rest = body[money.end() :].lstrip()
    notes = []
    per_unit = _PER_UNIT.match(rest)
    if per_unit:
        notes.append(per_unit.group(0).strip())
        rest = rest[per_unit.end() :].lstrip()
    aside = _parenthetical(rest) if rest.startswith("(") else ""
    if aside:
        notes.append(aside)
        inner = aside[1:-1].strip()
        if ":" in inner and inner.lower().startswith(label.lower()):
            name = inner.split(":", 1)[0].strip()
    return {"kind": kind, "name": name, "amount": parse_vnd(money["amount"]), "note": " ".join(notes)}


def parse_fees(text: str, *, labelled_only: bool = False) -> tuple[list[dict], list[str]]:
    """Fees ``[{"kind", "name", "amount", "note"}]`` from a fee text, and the parts not understood.

    Every "Phí:", "Lệ phí:" or "Mức giá:" starts one fee ("Lệ phí : 20.000 Đồng
    (...); Lệ phí : 50.000 Đồng (...)" is two). "Không" or "Miễn" give a fee of
    0 đồng rather than no fee at all: the procedure is known to be free, which
    is not the same as the portal saying nothing (an empty list). An amount
    that depends on dates, a range, a foreign currency or "theo quy định" is
    not understood: its text is returned for the fee note.

    ``labelled_only`` reads only labelled fees, for texts that are mostly
    about something else (a channel's description).
    """
    # "Xem chi tiết" is the portal's link text, glued to the next label ("ĐồngXem chi tiếtMức giá:").
    text = _NOISE.sub(" ", cell_text(text or "")).strip()
    if not text:
        return [], []
    labels = _labels_outside_parentheses(text)
    if not labels:
        if labelled_only:
            return [], []
        # An unlabelled amount does not say fee or charge; "charge" (lệ phí) is the model's default.
        fee = _fee_from("phí, lệ phí", text, kind="charge")
        if fee:
            return [fee], []
        return [], [text]
    fees, unparsed = [], []
    for i, label in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        fee = _fee_from(label.group(1), text[label.end() : end])
        if fee is None:
            unparsed.append(text[label.start() : end].strip(" \n;-"))
        else:
            fees.append(fee)
    return fees, unparsed


# -- levels --------------------------------------------------------------------------------------

_LEVELS = {
    "cấp bộ/ngành": Level.CENTRAL,
    "cấp bộ, ngành": Level.CENTRAL,
    "cấp bộ": Level.CENTRAL,
    "cấp trung ương": Level.CENTRAL,
    "cấp tỉnh": Level.PROVINCE,
    "cấp huyện": Level.DISTRICT,
    "cấp xã": Level.COMMUNE,
}
# "Cơ quan khác" (social insurance, tax, courts...) is a real answer with no level of ours.
_NO_LEVEL = {"cơ quan khác"}
_LEVEL_SPLIT = re.compile(r"\s*[,;]\s*(?=cấp|cơ quan)", re.IGNORECASE)


def parse_levels(text: str) -> tuple[list[str], list[str]]:
    """Level codes from "Cấp xã, Cấp tỉnh, Cấp bộ/ngành", and the parts not recognised."""
    levels, unknown = [], []
    for part in _LEVEL_SPLIT.split((text or "").strip()):
        key = " ".join(part.lower().split())
        if not key or key in _NO_LEVEL or is_empty(key):
            continue
        if key in _LEVELS:
            if _LEVELS[key] not in levels:
                levels.append(_LEVELS[key])
        else:
            unknown.append(part.strip())
    return levels, unknown


# -- documents -----------------------------------------------------------------------------------

_BULLET = re.compile(r"^(?:[-+•*–]\s*)+")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def _column(header: list[str], *names: str) -> int | None:
    lowered = [h.lower() for h in header]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


def _count(cell: str) -> int | None:
    cell = cell.strip()
    return int(cell) if cell.isdigit() else (0 if is_empty(cell) else None)


def _form_name(cell: str) -> str:
    """The blank form's name: link texts of the "Tệp đính kèm" cell, never the exporter's local file paths."""
    links = _LINK.findall(cell)
    if links:
        return "; ".join(link.strip() for link in links)
    text = cell_text(cell)
    return "" if text.lower().startswith("không có") else text


def _document_name(cell: str) -> str:
    return _BULLET.sub("", cell_text(cell)).strip()


def parse_documents(tables: list[Table]) -> tuple[list[dict], list[str], list[str]]:
    """Documents from the "Thành phần hồ sơ" tables, the "Lưu ý" lines, and the problems met.

    A table's heading ("Giấy tờ phải xuất trình", "Đối với trường hợp...")
    becomes each document's note. Tables headed "Lưu ý" list remarks, not
    documents to bring: their lines are returned apart. The sheets never say
    which documents are optional, so every one is mandatory.
    """
    documents, remarks, problems = [], [], []
    for table in tables:
        name_at = _column(table.header, "tên giấy tờ")
        if name_at is None:
            problems.append(f"bảng thành phần hồ sơ không có cột Tên giấy tờ ({' | '.join(table.header)})")
            continue
        originals_at = _column(table.header, "bản chính")
        copies_at = _column(table.header, "bản sao")
        form_at = _column(table.header, "tệp đính kèm", "mẫu đơn, tờ khai")
        is_remark = "lưu ý" in table.heading.lower()
        for row in table.rows:
            if len(row) != len(table.header):
                problems.append(f"dòng bảng thành phần hồ sơ có {len(row)} ô thay vì {len(table.header)}")
                continue
            name = _document_name(row[name_at])
            if not name:
                continue
            if is_remark:
                remarks.append(name)
                continue
            document = {"name": name, "originals": 0, "copies": 0, "mandatory": True, "note": table.heading}
            for key, at in (("originals", originals_at), ("copies", copies_at)):
                count = _count(row[at]) if at is not None else 0
                if count is None or count > 100:
                    problems.append(f"số bản “{row[at]}” của “{name[:60]}” không phải số từ 0 đến 100")
                    count = 0
                document[key] = count
            if form_at is not None:
                document["form_name"] = _form_name(row[form_at])
            documents.append(document)
    return documents, remarks, problems


_FLAT_HEADER = re.compile(r"\s*Tên giấy tờ Mẫu đơn, tờ khai Số lượng\s*")
_FLAT_COUNT = re.compile(r"\s*Bản chính:\s*(\d*)\s*-\s*Bản sao:\s*(\d*)\s*")


def parse_flat_documents(text: str) -> tuple[list[dict], str]:
    """Documents from a fallback sheet, where the table is one line of text, and the text left over.

    The line reads "<case> Tên giấy tờ Mẫu đơn, tờ khai Số lượng <name>
    [form file] Bản chính: 1 - Bản sao: 0 <name> ..."; names end where their
    counts are given. A blank form's file name stays in the document name: file
    names contain spaces, so where one starts cannot be told.
    """
    parts = _FLAT_HEADER.split(text or "")
    heading = parts[0].strip()
    documents, leftover = [], ""
    for group in parts[1:]:
        pieces = _FLAT_COUNT.split(group)
        for i in range(0, len(pieces) - 2, 3):
            name = _BULLET.sub("", pieces[i]).strip()
            if name:
                documents.append(
                    {
                        "name": name,
                        "originals": min(int(pieces[i + 1] or 0), 100),
                        "copies": min(int(pieces[i + 2] or 0), 100),
                        "mandatory": True,
                        "note": "" if heading.lower() == "bao gồm" else heading,
                    }
                )
        heading = leftover = pieces[-1].strip()
    return documents, leftover


# -- channels ------------------------------------------------------------------------------------

CHANNEL_NAMES = ("Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính")
IN_PERSON, ONLINE = "Trực tiếp", "Trực tuyến"


def parse_channels(tables: list[Table]) -> tuple[list[dict], list[str]]:
    """Channels ``[{"channel", "time", "fee", "description"}]`` from the "Cách thức thực hiện" table."""
    channels, problems = [], []
    for table in tables:
        columns = {
            "channel": _column(table.header, "hình thức nộp"),
            "time": _column(table.header, "thời gian giải quyết", "thời hạn giải quyết"),
            "fee": _column(table.header, "phí, lệ phí"),
            "description": _column(table.header, "mô tả"),
        }
        if columns["channel"] is None:
            problems.append(
                f"bảng cách thức thực hiện không có cột Hình thức nộp ({' | '.join(table.header)})"
            )
            continue
        for row in table.rows:
            if len(row) != len(table.header):
                problems.append(f"dòng cách thức thực hiện có {len(row)} ô thay vì {len(table.header)}")
                continue
            channels.append(
                {
                    key: cell_text(row[at], keep_placeholders=True) if at is not None else ""
                    for key, at in columns.items()
                }
            )
    return channels, problems


_FLAT_CHANNEL_HEADER = re.compile(r"^\s*Hình thức nộp Thời hạn giải quyết Phí, lệ phí Mô tả\s*")
# A channel name starts a channel only when a time, a fee or a known time phrase follows it; in
# descriptions the same words are followed by prose ("Trực tiếp tại Bộ phận Một cửa...").
_FLAT_CHANNEL = re.compile(
    r"(Trực tiếp|Trực tuyến|Dịch vụ bưu chính)(?=\s+(?:\d|Lệ phí\s*:|Phí\s*:|Mức giá\s*:|Theo |Tùy |Do |"
    r"Không quy định|không quy định|Khác|khác)|\s*$)"
)
_FLAT_TIME = re.compile(
    r"(?:\d+(?:[.,]\d+)?\s+(?:Ngày làm việc|Ngày|Giờ làm việc|Giờ)|Theo mô tả|Không quy định|không quy định|Khác|khác)(?!\w)"
)
_FLAT_FEES = re.compile(r"(?:(?:Lệ phí|Phí|Mức giá)\s*:\s*[^\s:]*?\s*(?:Đồng|USD)\s*(?:Xem chi tiết)?\s*)+")


def parse_flat_channels(text: str) -> list[dict]:
    """Channels from a fallback sheet, where the table is one line of text (best effort)."""
    body = _FLAT_CHANNEL_HEADER.sub("", text or "")
    starts = list(_FLAT_CHANNEL.finditer(body))
    channels = []
    for i, start in enumerate(starts):
        rest = body[start.end() : starts[i + 1].start() if i + 1 < len(starts) else len(body)].strip()
        time = _FLAT_TIME.match(rest)
        time_text = time.group(0) if time else ""
        rest = rest[len(time_text) :].strip()
        fees = _FLAT_FEES.match(rest)
        fee_text = _NOISE.sub(" ", fees.group(0)).strip() if fees else ""
        rest = rest[fees.end() :].strip() if fees else rest
        channels.append({"channel": start.group(1), "time": time_text, "fee": fee_text, "description": rest})
    return channels


# -- legal basis and result ----------------------------------------------------------------------


def parse_legal_basis(tables: list[Table]) -> list[dict]:
    """``[{"name", "number"}]`` from the "Căn cứ pháp lý" table (name, document number)."""
    legal = []
    for table in tables:
        name_at = _column(table.header, "tên văn bản pháp lý", "tên văn bản")
        number_at = _column(table.header, "mã văn bản", "số hiệu", "số ký hiệu")
        for row in table.rows:
            if len(row) != len(table.header):
                continue
            name = cell_text(row[name_at]) if name_at is not None else ""
            number = cell_text(row[number_at]) if number_at is not None else ""
            if name or number:
                legal.append({"name": name, "number": number})
    return legal


def result_text(section: str) -> str:
    """The results ("Giấy chứng nhận ... (Mã: KQ.G04.000352)"), one per line, without bullets."""
    lines = (_BULLET.sub("", line.strip()) for line in section.splitlines())
    return "\n".join(line for line in lines if line)
