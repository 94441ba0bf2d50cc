"""Suggested metadata of a digitized document, read from its OCR'd text; the official confirms it.

Vietnamese administrative papers share a layout (Decree 30/2020 on official documents):
the issuing body top left (``UBND PHƯỜNG …``, ``SỞ …``, ``CÔNG AN …``), ``Số: 12/2026/QĐ-UBND``,
the place and ``ngày 05 tháng 3 năm 2026``, the document's kind in capitals. A few regular
expressions find those; whatever they miss the official types in.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

_NUMBER = re.compile(r"\bS[ốô]\s*[:.]?\s*([0-9][0-9A-Za-zĐđ/.\-]*)")
_DATE = re.compile(r"ng[àa]y\s+(\d{1,2})\s+th[áa]ng\s+(\d{1,2})\s+n[ăa]m\s+(\d{4})", re.IGNORECASE)
_VALID = re.compile(
    r"(?:c[óo] gi[áa] tr[ịi]|hi[ệe]u l[ựu]c)\s+(?:đến|den)\s+(?:ngày\s+)?(\d{1,2})/(\d{1,2})/(\d{4})",
    re.IGNORECASE,
)
_ISSUERS = (
    "UBND",
    "BỆNH VIỆN",
    "ỦY BAN",
    "UỶ BAN",
    "SỞ",
    "CÔNG AN",
    "BỘ",
    "CỤC",
    "TÒA ÁN",
    "CHI CỤC",
    "PHÒNG",
    "TRUNG TÂM",
)
_NOT_TYPE = ("CỘNG HÒA", "CỘNG HOÀ", "ĐỘC LẬP")


@dataclass
class Suggestion:
    document_type: str = ""
    number: str = ""
    issuer: str = ""
    issued_on: datetime.date | None = None
    valid_until: datetime.date | None = None


def _date(match) -> datetime.date | None:
    if match is None:
        return None
    day, month, year = (int(x) for x in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def suggest(text: str) -> Suggestion:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    found = Suggestion()
    for line in lines[:15]:
        if not found.issuer and line.upper().startswith(_ISSUERS) and line == line.upper():
            found.issuer = line[:255]
    for line in lines[:40]:
        words = line.split()
        if (
            len(words) >= 2
            and line == line.upper()
            and any(ch.isalpha() for ch in line)
            and not line.startswith(_NOT_TYPE)
            and line != found.issuer
            and not line.upper().startswith(_ISSUERS)
        ):
            found.document_type = line.capitalize()[:255]
            break
    number = _NUMBER.search(text)
    if number:
        found.number = number.group(1).rstrip(".")[:100]
    found.issued_on = _date(_DATE.search(text))
    found.valid_until = _date(_VALID.search(text))
    return found
