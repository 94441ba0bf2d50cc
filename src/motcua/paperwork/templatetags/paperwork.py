"""Dates and times as Vietnamese administrative documents write them."""

from __future__ import annotations

from datetime import datetime

from django import template

from motcua.core.calendar import LOCAL_TZ

register = template.Library()


def _local(value: datetime) -> datetime:
    return value.astimezone(LOCAL_TZ) if value.tzinfo else value


@register.filter
def long_date(value) -> str:
    """``ngày 23 tháng 11 năm 2026``."""
    if not value:
        return "ngày ..... tháng ..... năm ......."
    if isinstance(value, datetime):
        value = _local(value)
    return f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"


@register.filter
def long_datetime(value) -> str:
    """``10 giờ 05 phút, ngày 23 tháng 11 năm 2026``."""
    if not value:
        return "..... giờ ..... phút, ngày ..... tháng ..... năm ......."
    value = _local(value)
    return f"{value.hour:02d} giờ {value.minute:02d} phút, {long_date(value)}"


@register.filter
def two_digits(value) -> str:
    return f"{int(value or 0):02d}"


@register.filter
def dong(value) -> str:
    """``800000`` → ``800.000 đồng`` (money in papers is written out with its unit)."""
    return f"{int(value or 0):,}".replace(",", ".") + " đồng"
