"""The filters a download takes (``/du-lieu-mo/<slug>.csv?month=2026-11&agency=…``), checked before
the first byte is sent: a wrong value is a clear 400, never a half-written file."""

from __future__ import annotations

import re
from datetime import date

from django.utils.translation import gettext as _

from motcua.opendata.datasets import Dataset

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_CODE = re.compile(r"^[\w.\-]{1,60}$")


class BadFilter(ValueError):
    pass


def _month(value: str) -> str:
    match = _MONTH.match(value)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise BadFilter(
            _("Tháng phải có dạng NNNN-TT, ví dụ 2026-11 (nhận được “%(value)s”).") % {"value": value}
        )
    return value


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadFilter(
            _("Ngày phải có dạng NNNN-TT-NN, ví dụ 2026-11-30 (nhận được “%(value)s”).") % {"value": value}
        ) from None


def _code(value: str) -> str:
    if not _CODE.match(value):
        raise BadFilter(_("Mã không hợp lệ: “%(value)s”.") % {"value": value})
    return value


CHECKS = {"month": _month, "start": _day, "end": _day, "agency": _code, "procedure": _code, "field": _code}


def from_query(dataset: Dataset, query) -> dict:
    """The filters of ``query`` (a QueryDict) that ``dataset`` takes, checked; others are ignored."""
    found = {}
    for name in dataset.filters:
        value = (query.get(name) or "").strip()
        if value:
            check = CHECKS.get(name, _code)
            found[name] = check(value)
    if "start" in found and "end" in found and found["start"] > found["end"]:
        raise BadFilter(_("Ngày bắt đầu phải trước ngày kết thúc."))
    return found
