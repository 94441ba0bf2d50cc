"""The officials' menu: only the pages the signed-in official (or superuser) may use, with the
counts of their work."""

from __future__ import annotations

from django import template

from motcua.accounts.alerts import unseen_notices
from motcua.accounts.policy import required_for as second_factor_required_for
from motcua.backoffice.home import may_use_admin_site
from motcua.core.counting import count_text
from motcua.dossiers.audit_access import may_search
from motcua.org.models import Role
from motcua.org.selectors import reach_of
from motcua.workspace.selectors import queue_counts

register = template.Library()


@register.simple_tag(takes_context=True)
def officials_menu(context) -> dict:
    user = context["request"].user
    if not user.is_authenticated:
        return {}
    menu = {
        "audit": may_search(user),
        "admin_site": may_use_admin_site(user),
        "second_factor": second_factor_required_for(user),
        # The dashboard of indicators is for those who oversee agencies (reports.backoffice.reach).
        "overseer": user.is_superuser,
    }
    official = getattr(user, "official", None)
    if official is None:
        return menu
    reach = reach_of(official)  # read once per page (``org.selectors.remembering_reach``)
    roles = set(reach.per_role)  # the roles held directly
    # The queue page has just counted them; other pages count the two the menu shows.
    known = getattr(context["request"], "workspace_counts", None) or queue_counts(
        user, reach=reach, open_only=True
    )
    menu.update(
        official=True,
        receiver=Role.RECEIVER in roles,
        overseer=user.is_superuser or bool(roles & {Role.LEADER, Role.ADMIN}),
        can_xu_ly=count_text(known["can-xu-ly"]),
        qua_han=known["qua-han"],
    )
    return menu


@register.simple_tag(takes_context=True)
def security_notices(context) -> dict:
    """Unusual sign-ins of this account not yet marked seen (``accounts.alerts``): the newest few,
    and how many there are in all."""
    shown, total = unseen_notices(context["request"].user)
    return {"shown": shown, "total": total, "more": total - len(shown)}
