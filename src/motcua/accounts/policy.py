"""Who needs a second factor: ``MOTCUA_TWO_FACTOR`` (on by default) for the account kinds in
``MOTCUA_TWO_FACTOR_ROLES`` (``official``; ``admin`` for staff and superusers; ``citizen`` and
``business`` may be added). The same accounts are watched for unusual sign-ins (``accounts.alerts``)."""

from __future__ import annotations

from django.conf import settings


def roles() -> set[str]:
    return {r.strip() for r in getattr(settings, "TWO_FACTOR_ROLES", ["official", "admin"]) if r.strip()}


def required_for(user) -> bool:
    """Does this account need a second factor (the setting is on and its kind is listed)?"""
    if not getattr(settings, "TWO_FACTOR", False) or user is None or not user.is_authenticated:
        return False
    wanted = roles()
    if "admin" in wanted and (user.is_staff or user.is_superuser):
        return True
    return getattr(user, "kind", "") in wanted
