"""The menu's counts of the official's queues (only on officials' pages)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def workspace_counts(context) -> dict[str, int]:
    from motcua.workspace.selectors import queue

    user = context["request"].user
    if getattr(user, "official", None) is None:
        return {}
    from motcua.audit.selectors import may_search

    counts = {key.replace("-", "_"): queue(user, key).count() for key in ("can-xu-ly", "qua-han")}
    return {**counts, "audit": may_search(user)}
