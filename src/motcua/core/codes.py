"""Dossier codes (mã hồ sơ), Circular 01/2018/TT-VPCP, Article 19.

``<agency electronic identifier>-<YYMMDD>-<daily sequence>``, for example
``000.00.12.H10-251123-0001``. The agency code is opaque: its format changed in
2020 and ministries were re-coded in 2025, so nothing here parses it.
"""

from __future__ import annotations

import re
from datetime import date

_CODE = re.compile(r"^(?P<agency>.+)-(?P<day>\d{6})-(?P<seq>\d{4,})$")


def format_dossier_code(agency_code: str, day: date, sequence: int) -> str:
    # The circular gives four digits; a day with more than 9,999 dossiers at one
    # agency widens the number rather than failing a submission.
    return f"{agency_code}-{day:%y%m%d}-{sequence:04d}"


def looks_like_dossier_code(text: str) -> bool:
    return bool(_CODE.match(text or ""))
