"""The officials' menu: only the pages the signed-in official (or superuser) may use, with the
counts of their work."""

from __future__ import annotations

from django import template

from motcua.audit.selectors import may_search
from motcua.backoffice.home import may_use_admin_site
from motcua.core.counting import count_text
from motcua.org.models import Role, RoleAssignment
from motcua.workspace.selectors import queue_counts

register = template.Library()


@register.simple_tag(takes_context=True)
def officials_menu(context) -> dict:
    user = context["request"].user
    if not user.is_authenticated:
        return {}
    menu = {"audit": may_search(user), "admin_site": may_use_admin_site(user)}
    official = getattr(user, "official", None)
    if official is None:
        return menu
    roles = set(RoleAssignment.objects.filter(official=official).values_list("role", flat=True))
    # The queue page has just counted them; other pages count the two the menu shows.
    known = getattr(context["request"], "workspace_counts", None) or queue_counts(user, open_only=True)
    menu.update(
        official=True,
        receiver=Role.RECEIVER in roles,
        can_xu_ly=count_text(known["can-xu-ly"]),
        qua_han=known["qua-han"],
    )
    return menu
