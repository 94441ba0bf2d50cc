"""The layout of one procedure sheet as the national portal exports it (markdown).

A sheet is ``# title``, then ``## sections``: "Thông tin chung" is a bullet list
of ``* **Label:** value``; "Cách thức thực hiện", "Thành phần hồ sơ" and
"Căn cứ pháp lý" hold pipe tables (several in "Thành phần hồ sơ", each maybe
under a ``###`` heading that names the case it applies to); the other sections
are free text. This module only cuts a sheet into those pieces; what the
pieces mean (times, fees, levels...) is read in ``national_values``.

Some sheets were scraped from the portal's fallback page: they carry a
``Nguồn fallback`` bullet and their tables are flattened into one line of
text. They are marked ``is_fallback`` so the reader can treat them apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# How the portal says "nothing here"; such a value is read as empty.
EMPTY_VALUES = frozenset({"", "không có thông tin", "không có", "n/a"})

_INFO_BULLET = re.compile(r"^\*\s+\*\*(?P<label>[^*]+?):\*\*\s*(?P<value>.*)$")
_BREAK = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)
_SEPARATOR_ROW = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+$")


def is_empty(value: str | None) -> bool:
    return (value or "").strip().lower() in EMPTY_VALUES


def cell_text(cell: str, *, keep_placeholders: bool = False) -> str:
    """A table cell as plain text: ``<br>`` become line breaks, "Không có thông tin" becomes ``""``.

    ``keep_placeholders`` keeps "N/A" and the like, for text shown as the portal wrote it.
    """
    text = _BREAK.sub("\n", cell).strip()
    if keep_placeholders:
        return "" if text.lower() == "không có thông tin" else text
    return "" if is_empty(text) else text


def section_text(body: str) -> str:
    """A free-text section without the markdown emphasis the export added, or ``""`` when empty."""
    text = body.replace("**", "").replace("`", "").strip()
    return "" if is_empty(text) else text


@dataclass
class Table:
    """A pipe table: its header cells, its rows, and the ``###`` heading just above it (if any)."""

    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    heading: str = ""


@dataclass
class Sheet:
    title: str = ""
    info: dict[str, str] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)

    @property
    def is_fallback(self) -> bool:
        return "Nguồn fallback" in self.info

    def value(self, label: str) -> str:
        """A "Thông tin chung" value, ``""`` when absent or "Không có thông tin"."""
        value = self.info.get(label, "").strip()
        return "" if is_empty(value) else value

    def text(self, section: str) -> str:
        return section_text(self.sections.get(section, ""))

    def tables(self, section: str) -> list[Table]:
        return parse_tables(self.sections.get(section, ""))


def parse_sheet(markdown: str) -> Sheet:
    sheet = Sheet()
    current: str | None = None
    lines: dict[str, list[str]] = {}
    for line in markdown.splitlines():
        if line.startswith("# ") and not sheet.title:
            sheet.title = line[2:].strip()
        elif line.startswith("## "):
            current = line[3:].strip()
            lines.setdefault(current, [])
        elif current is not None:
            lines[current].append(line)
    sheet.sections = {name: "\n".join(body).strip() for name, body in lines.items()}
    for line in lines.get("Thông tin chung", []):
        match = _INFO_BULLET.match(line.strip())
        if match:
            sheet.info[match["label"].strip()] = match["value"].strip()
    return sheet


def _cells(line: str) -> list[str]:
    # Cells never contain a pipe in the export (checked over all 2,104 sheets), so a plain split is safe.
    return [cell.strip() for cell in line.strip()[1:-1].split("|")]


def parse_tables(body: str) -> list[Table]:
    """Every pipe table in a section, each with the ``###`` heading that directly precedes it.

    A heading names the case of the one table after it ("Giấy tờ phải xuất
    trình", "Đối với trường hợp..."); a table that follows another table with
    no heading between gets no heading.
    """
    tables: list[Table] = []
    heading = ""
    current: Table | None = None
    for raw in body.splitlines():
        line = raw.strip()
        if line.startswith("|") and line.endswith("|") and len(line) > 1:
            if _SEPARATOR_ROW.match(line.replace(" ", "")):
                continue
            if current is None:
                current = Table(header=_cells(line), heading=heading)
                tables.append(current)
                heading = ""
            else:
                current.rows.append(_cells(line))
            continue
        current = None
        if line.startswith("###"):
            heading = line.lstrip("#").strip().lstrip("*").strip().rstrip(":").strip()
    return tables
