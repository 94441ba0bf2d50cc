from django import template

from motcua.core.money import format_vnd

register = template.Library()


@register.filter
def dong(amount) -> str:
    """Integer đồng as people read it: 1.250.000 đ."""
    return format_vnd(int(amount or 0))


@register.filter
def minus(amount, other) -> int:
    return int(amount or 0) - int(other or 0)
