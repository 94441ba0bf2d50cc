"""Pages for officials (thin: parse, call a service or selector, render)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from motcua.org.selectors import roles_of


def official_required(view):
    """Signed in, and an official (404 pages are for the portal; officials get a clear 403)."""

    @login_required
    def wrapper(request, *args, **kwargs):
        if getattr(request.user, "official", None) is None:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@official_required
def home(request):
    return render(request, "backoffice/home.html", {"roles": roles_of(request.user.official)})
