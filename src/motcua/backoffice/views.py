"""The officials' home; who may open the officials' pages (/can-bo/) is ``org.access``.

Officials hold roles at agencies (``org.RoleAssignment``). A superuser may have no official's
record at all (the ``admin`` account of ``motcua demo``): the home page and the audit log
are theirs too; pages that work on an agency's dossiers say clearly that they need a role.
"""

from __future__ import annotations

from django.shortcuts import render

from motcua.backoffice.home import home_panels
from motcua.org.access import backoffice_required, official_required, refused

__all__ = ["backoffice_required", "home", "official_required", "refused"]


@backoffice_required
def home(request):
    """Trang chủ cán bộ: the official's counts and shortcuts, one panel per role."""
    return render(request, "backoffice/home.html", home_panels(request.user))
