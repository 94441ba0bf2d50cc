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

    known = getattr(context["request"], "workspace_counts", None)
    if known is not None:
        counts = {key.replace("-", "_"): known[key] for key in ("can-xu-ly", "qua-han")}
    else:
        from motcua.workspace.selectors import reach_of

        reach = reach_of(user.official)
        counts = {
            key.replace("-", "_"): queue(user, key, reach=reach).count() for key in ("can-xu-ly", "qua-han")
        }
    return {**counts, "audit": may_search(user)}
