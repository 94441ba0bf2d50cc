"""Danh bạ cán bộ của tỉnh: officials sign in with their account in the province's LDAP directory or
Active Directory (django-auth-ldap), when ``MOTCUA_LDAP_URL`` is set; off by default.

The password is checked by the directory (a search for the account under ``MOTCUA_LDAP_USER_BASE``
with ``MOTCUA_LDAP_USER_FILTER``, then a bind as it); motcua keeps no copy of it. The account's
name and e-mail come from the directory at every sign-in. Its groups (under
``MOTCUA_LDAP_GROUP_BASE``; ``groupOfNames`` members, or Active Directory's nested groups with
``MOTCUA_LDAP_GROUP_TYPE=active_directory``) give the official's roles: ``MOTCUA_LDAP_GROUPS`` maps a
group's DN to an agency code and roles, as JSON::

    {"cn=mot-cua-stp,ou=groups,dc=tinh,dc=vn": {"agency": "000.00.12.H30", "roles": ["receiver"]}}

At each sign-in the official's roles become exactly those of their mapped groups (the directory is
the source: a person moved out of a group loses the role at the next sign-in). A directory account
in no mapped group does not get in; nor does one whose name is already taken by a citizen's or a
business's account. Two factors still apply after the directory's password.
"""

from __future__ import annotations

import json
import logging
import operator
from functools import reduce

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django_auth_ldap.backend import LDAPBackend

from motcua.audit.models import Action
from motcua.audit.services import record
from motcua.org.models import Agency, Official, RoleAssignment

logger = logging.getLogger("motcua.org.directory")


def group_map() -> dict[str, dict]:
    raw = getattr(settings, "LDAP_GROUPS", "") or "{}"
    mapping = json.loads(raw) if isinstance(raw, str) else dict(raw)
    return {dn.strip().lower(): spec for dn, spec in mapping.items()}


def _ldap_settings() -> dict:
    import ldap
    from django_auth_ldap.config import (
        GroupOfNamesType,
        LDAPGroupQuery,
        LDAPSearch,
        NestedActiveDirectoryGroupType,
    )

    group_type = (
        NestedActiveDirectoryGroupType()
        if getattr(settings, "LDAP_GROUP_TYPE", "") == "active_directory"
        else GroupOfNamesType()
    )
    options = {}
    if getattr(settings, "LDAP_TIMEOUT_SECONDS", 0):
        options[ldap.OPT_NETWORK_TIMEOUT] = settings.LDAP_TIMEOUT_SECONDS
    mapped = [LDAPGroupQuery(dn) for dn in group_map()]
    return {
        "SERVER_URI": settings.LDAP_URL,
        # only members of a mapped group get in (checked before any account is made)
        "REQUIRE_GROUP": reduce(operator.or_, mapped)
        if mapped
        else f"cn=no-group-mapped,{settings.LDAP_GROUP_BASE}",
        "BIND_DN": settings.LDAP_BIND_DN,
        "BIND_PASSWORD": settings.LDAP_BIND_PASSWORD,
        "START_TLS": settings.LDAP_START_TLS,
        "CONNECTION_OPTIONS": options,
        "USER_SEARCH": LDAPSearch(settings.LDAP_USER_BASE, ldap.SCOPE_SUBTREE, settings.LDAP_USER_FILTER),
        "GROUP_SEARCH": LDAPSearch(settings.LDAP_GROUP_BASE, ldap.SCOPE_SUBTREE, "(objectClass=*)"),
        "GROUP_TYPE": group_type,
        "USER_ATTR_MAP": {"full_name": settings.LDAP_NAME_ATTRIBUTE, "email": "mail"},
        "ALWAYS_UPDATE_USER": True,
        "CACHE_TIMEOUT": 0,
    }


class DirectoryBackend(LDAPBackend):
    """django-auth-ldap configured from ``MOTCUA_LDAP_*`` (read at each sign-in); nothing when unset."""

    settings_prefix = "MOTCUA_LDAP_UNUSED_"  # every value comes from default_settings below

    @property
    def default_settings(self):  # django-auth-ldap reads these when it builds its settings
        return _ldap_settings()

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not getattr(settings, "LDAP_URL", "") or not username or not password:
            return None
        try:
            return super().authenticate(request, username=username, password=password, **kwargs)
        except Exception:  # noqa: BLE001 - a directory down must not break local sign-in
            logger.exception("the directory %s could not be asked", settings.LDAP_URL)
            return None

    def get_user(self, user_id):
        return get_user_model()._default_manager.filter(pk=user_id).first()

    def get_or_build_user(self, username, ldap_user):
        user, built = super().get_or_build_user(username, ldap_user)
        if built:
            user.kind = "official"
        elif getattr(user, "kind", "official") != "official":
            # a citizen's or a business's account by that name: never taken over by the directory
            raise _NotAnOfficial(username)
        return user, built

    def authenticate_ldap_user(self, ldap_user, password):
        try:
            user = super().authenticate_ldap_user(ldap_user, password)
        except _NotAnOfficial as refused:
            logger.warning("directory account %s matches an applicant's account: refused", refused)
            return None
        if user is None:
            return None
        grants = _grants(ldap_user.group_dns)
        if not grants:
            logger.warning("directory account %s is in no group mapped to a role: refused", user.username)
            return None
        _sync(user, grants)
        return user


class _NotAnOfficial(Exception):
    pass


def _grants(group_dns) -> set[tuple[str, str]]:
    mapping = group_map()
    grants = set()
    for dn in group_dns:
        spec = mapping.get(dn.lower())
        if spec:
            grants |= {(spec["agency"], role) for role in spec.get("roles", [])}
    return grants


@transaction.atomic
def _sync(user, grants: set[tuple[str, str]]) -> None:
    """The official's record and roles follow the directory's groups."""
    changed = False
    if user.kind != "official":
        user.kind = "official"
        user.save(update_fields=["kind"])
        changed = True
    if user.has_usable_password():
        user.set_unusable_password()  # the directory keeps the password
        user.save(update_fields=["password"])
    official, _created = Official.objects.get_or_create(user=user)
    agencies = {a.code: a for a in Agency.objects.filter(code__in={code for code, _role in grants})}
    wanted = {(agencies[code].pk, role) for code, role in grants if code in agencies}
    for code in {code for code, _role in grants} - set(agencies):
        logger.warning("LDAP group maps to agency %s, which motcua does not know", code)
    held = {(a.agency_id, a.role): a.pk for a in RoleAssignment.objects.filter(official=official)}
    gone = [pk for key, pk in held.items() if key not in wanted]
    if gone:
        RoleAssignment.objects.filter(pk__in=gone).delete()
        changed = True
    new = [RoleAssignment(official=official, agency_id=a, role=r) for a, r in wanted - set(held)]
    if new:
        RoleAssignment.objects.bulk_create(new)
        changed = True
    if changed or _created:
        record(
            action=Action.CHANGE,
            user=user,
            object_type="official",
            object_ref=user.get_username(),
            detail={
                "directory": "roles",
                "roles": sorted(f"{r}@{code}" for code, r in grants if code in agencies),
            },
        )
