"""The menu's counts of the official's queues (only on officials' pages)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def workspace_counts(context) -> dict:
    from motcua.audit.selectors import may_search
    from motcua.workspace.selectors import queue_counts

    request = context["request"]
    user = request.user
    if getattr(user, "official", None) is None:
        return {}
    # The queue page has just counted them; other pages count the two the menu shows.
    known = getattr(request, "workspace_counts", None) or queue_counts(user, open_only=True)
    return {"can_xu_ly": known["can-xu-ly"], "qua_han": known["qua-han"], "audit": may_search(user)}
