"""Money is integer đồng (VND has no minor unit in practice)."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"\d{1,3}(?:[.,\s]\d{3})+|\d+")


def format_vnd(amount: int) -> str:
    """``50000`` → ``"50.000 đ"`` (Vietnamese thousands separator)."""
    if amount is None:
        return ""
    return f"{amount:,}".replace(",", ".") + " đ"


def parse_vnd(text: str) -> int | None:
    """The first amount in a text such as ``"Lệ phí: 50.000 đồng/lần"``; ``None`` if there is none."""
    match = _NUMBER.search(text or "")
    if not match:
        return None
    return int(re.sub(r"[.,\s]", "", match.group(0)))
