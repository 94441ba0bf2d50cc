"""Who may open the officials' pages (/can-bo/): one access module, low enough for every app that
still holds officials' pages to use it.

Officials hold roles at agencies (``org.RoleAssignment``). A superuser may have no official's
record at all (the ``admin`` account of ``motcua demo``): the home page and the audit log
are theirs too; pages that work on an agency's dossiers say clearly that they need a role.
"""

from __future__ import annotations

import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.org.selectors import remembering_reach


def is_official(user) -> bool:
    """Whether ``user`` has an official's record: what the pages working on dossiers
    (``official_required``) ask, so a page can show their links only to those they admit."""
    return getattr(user, "official", None) is not None


def refused(request, message: str, *, status: int = 403):
    """The officials' own answer to a page they may not use: what it is for, and the way home."""
    return render(request, "backoffice/refused.html", {"message": message}, status=status)


def backoffice_required(view):
    """Signed in as an official or as a superuser (the home page and the audit log)."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not is_official(user) and not user.is_superuser:
            raise PermissionDenied
        with remembering_reach():
            return view(request, *args, **kwargs)

    return wrapper


def official_required(view):
    """Signed in, and an official. A superuser without an official's record is told what the page
    needs (404 pages are for the portal; applicants get the site's 403)."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_official(request.user):
            if request.user.is_superuser:
                return refused(
                    request,
                    _(
                        "Trang này dành cho cán bộ có vai trò tại một cơ quan. Tài khoản quản trị hệ thống "
                        "chưa được phân quyền cán bộ: thêm vai trò tại Trang quản trị → Cán bộ."
                    ),
                )
            raise PermissionDenied
        with remembering_reach():  # the view, the access rule and the menu read the reach once
            return view(request, *args, **kwargs)

    return wrapper
