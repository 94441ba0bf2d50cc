"""The officials' menu: only the pages the signed-in official (or superuser) may use, with the
counts of their work."""

from __future__ import annotations

from django import template

from motcua.backoffice.home import may_use_admin_site
from motcua.dossiers.audit_access import may_search
from motcua.org.models import Role
from motcua.org.selectors import roles_of
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
    roles = {assignment.role for assignment in roles_of(official)}
    # The queue page has just counted them; other pages count the two the menu shows.
    known = getattr(context["request"], "workspace_counts", None) or queue_counts(user, open_only=True)
    menu.update(
        official=True,
        receiver=Role.RECEIVER in roles,
        # The dashboard of indicators is for those who oversee agencies (reports.backoffice.reach).
        overseer=bool(roles & {Role.LEADER, Role.ADMIN}),
        can_xu_ly=known["can-xu-ly"],
        qua_han=known["qua-han"],
    )
    return menu
