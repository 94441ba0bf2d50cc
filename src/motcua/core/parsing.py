"""Numbers and dates typed by people, parsed without surprises.

``str.isdigit()`` says yes to "²" and "٣", which ``int()`` then refuses or reads
as another number; a 30-digit id overflows the database's 64-bit integers; a
date in year 1 or 9999 overflows when moved to UTC. Each of those was a server
error (500) for input a form or a query string can carry. These helpers answer
``None`` instead, and callers turn that into a clear 400.
"""

from __future__ import annotations

from datetime import date

MAX_ID = 2**63 - 1
# Dates outside these years are typing mistakes here, and the edges overflow when converted to UTC.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def parse_id(value) -> int | None:
    """A positive database id from ASCII digits, or None."""
    text = str(value if value is not None else "").strip()
    if not text or len(text) > 19 or not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def parse_small_int(value, *, low: int, high: int) -> int | None:
    """An integer in [low, high] from ASCII digits (a score, a count of days), or None."""
    text = str(value if value is not None else "").strip()
    if not text or len(text) > 9 or not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if low <= number <= high else None


def parse_day(value: str) -> date | None:
    """An ISO date (YYYY-MM-DD) within FIRST_YEAR..LAST_YEAR, or None."""
    try:
        day = date.fromisoformat(str(value or "").strip())
    except ValueError:
        return None
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else None


def in_date_range(moment) -> bool:
    """Whether a date or datetime falls within FIRST_YEAR..LAST_YEAR."""
    return FIRST_YEAR <= moment.year <= LAST_YEAR
