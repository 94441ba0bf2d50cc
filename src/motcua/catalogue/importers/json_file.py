"""The JSON import format: ``{"format": "motcua-catalogue/1", "procedures": [record, ...]}``."""

from __future__ import annotations

import json
import re
from pathlib import Path

from motcua.catalogue.services import ImportRejected, RowProblem

_ARRAY_START = re.compile(r'"procedures"\s*:\s*\[')
_WHITESPACE = re.compile(r"\s*")


def _element_lines(text: str, count: int) -> list[int] | None:
    """The line on which each element of the top-level ``procedures`` array starts."""
    match = _ARRAY_START.search(text)
    if not match:
        return None
    decoder = json.JSONDecoder()
    index, lines = match.end(), []
    while True:
        index = _WHITESPACE.match(text, index).end()
        if index >= len(text) or text[index] == "]":
            break
        lines.append(text.count("\n", 0, index) + 1)
        _value, index = decoder.raw_decode(text, index)
        index = _WHITESPACE.match(text, index).end()
        if index < len(text) and text[index] == ",":
            index += 1
    return lines if len(lines) == count else None


def parse(text: str) -> list[tuple[int | str, dict]]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRejected([RowProblem(exc.lineno, f"JSON không hợp lệ: {exc.msg}")]) from None
    if isinstance(document, list):
        procedures = document
    elif isinstance(document, dict) and isinstance(document.get("procedures"), list):
        procedures = document["procedures"]
    else:
        raise ImportRejected([RowProblem(1, 'tệp phải là {"procedures": [...]} hoặc một danh sách thủ tục')])
    lines = _element_lines(text, len(procedures)) if isinstance(document, dict) else None
    if lines is None:
        lines = [f"thủ tục #{i + 1}" for i in range(len(procedures))]
    return list(zip(lines, procedures, strict=True))


def read(path: Path) -> list[tuple[int | str, dict]]:
    return parse(Path(path).read_text(encoding="utf-8-sig"))
