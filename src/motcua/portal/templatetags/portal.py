"""Small display helpers for portal and counter pages."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import filesizeformat

from motcua.core.counting import COUNT_CAP, count_text
from motcua.core.formats import fee_text, processing_time_text
from motcua.portal.blank_forms import has_blank_form as _has_blank_form

register = template.Library()


@register.filter
def count(value, cap=COUNT_CAP) -> str:
    """A list's size, capped: ``10.000+`` (``core.counting``), or past the list's own ``cap``."""
    return count_text(int(value or 0), int(cap or COUNT_CAP))


@register.filter
def vnd(amount) -> str:
    return fee_text(amount)


@register.filter
def processing_time(procedure) -> str:
    return processing_time_text(procedure)


@register.filter
def has_blank_form(component) -> bool:
    """The document names a form (or the catalogue holds its file): show a "Tải mẫu" link."""
    return _has_blank_form(component)


@register.filter
def size(value) -> str:
    return filesizeformat(value or 0)


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters changed (pagination links keep the filters)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        key = key.replace("_", "-")
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + params.urlencode() if params else "?"
