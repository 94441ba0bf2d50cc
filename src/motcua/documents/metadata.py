"""Suggested metadata of a digitized document, read from its OCR'd text; the official confirms it.

Vietnamese administrative papers share a layout (Decree 30/2020 on official documents):
the issuing body top left (``UBND PHƯỜNG …``, ``SỞ …``, ``CÔNG AN …``), ``Số: 12/2026/QĐ-UBND``,
the place and ``ngày 05 tháng 3 năm 2026``, the document's kind in capitals. A few regular
expressions find those; whatever they miss the official types in.

The header's two blocks share their baselines, so OCR reads them across, line by line
("UBND TỈNH HÀ TĨNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"): the national title and motto are cut
off the right of each line before the issuer is looked for. Values keep the diacritics OCR read;
each remembers the words it came from (``sources``) so its confidence can be looked up.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

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
# Where the right block of the header begins on a line read across both blocks.
_RIGHT_BLOCK = re.compile(r"\s(?:CỘNG H[ÒO]A|CỘNG HOÀ|Độc lập|ĐỘC LẬP|[^\s,]+, ngày)\b.*$")


@dataclass
class Suggestion:
    document_type: str = ""
    number: str = ""
    issuer: str = ""
    issued_on: datetime.date | None = None
    valid_until: datetime.date | None = None
    sources: dict[str, str] = field(default_factory=dict)  # field → the recognised words it came from


def _date(match) -> datetime.date | None:
    if match is None:
        return None
    day, month, year = (int(x) for x in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _left_block(line: str) -> str:
    return _RIGHT_BLOCK.sub("", line).strip()


def _issuer(lines: list[str]) -> str:
    """The issuing body: the last capitalised agency line of the header's left block before "Số:"
    (Decree 30 puts the superior body above the issuer: "UBND TỈNH HÀ TĨNH" / "SỞ TƯ PHÁP")."""
    found = ""
    for line in lines[:15]:
        left = _left_block(line)
        if _NUMBER.match(left):
            break
        if left and left == left.upper() and any(ch.isalpha() for ch in left):
            if left.upper().startswith(_ISSUERS):
                found = left
            elif found:
                break
    return found


def suggest(text: str) -> Suggestion:
    lines = [line.strip() for line in text.replace("\f", "\n").splitlines() if line.strip()]
    found = Suggestion()
    issuer = _issuer(lines)
    if issuer:
        found.issuer, found.sources["issuer"] = issuer[:255], issuer
    for line in lines[:40]:
        left = _left_block(line)
        words = line.split()
        if (
            len(words) >= 2
            and line == line.upper()
            and any(ch.isalpha() for ch in line)
            and not line.startswith(_NOT_TYPE)
            and left == line
            and not line.upper().startswith(_ISSUERS)
        ):
            found.document_type = line.capitalize()[:255]
            found.sources["document_type"] = line
            break
    number = _NUMBER.search(text)
    if number:
        found.number = number.group(1).rstrip(".")[:100]
        found.sources["number"] = number.group(1)
    for name, pattern in (("issued_on", _DATE), ("valid_until", _VALID)):
        match = pattern.search(text)
        value = _date(match)
        if value is not None:
            setattr(found, name, value)
            found.sources[name] = match.group(0)
    return found
