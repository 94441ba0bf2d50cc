"""Who may open a portal page: applicants for their own dossiers; rate limits for public pages."""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.decorators import ratelimit

from motcua.core.errors import NotFound
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import get_dossier_for


def applicant_required(view):
    """Signed in as a citizen or an organisation (officials get a page saying where to go)."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not getattr(request.user, "is_applicant", False):
            return render(
                request,
                "portal/applicants_only.html",
                {"message": _("Trang này dành cho công dân, tổ chức nộp hồ sơ.")},
                status=403,
            )
        return view(request, *args, **kwargs)

    return wrapper


def own_dossier(request, reference) -> Dossier:
    """The signed-in applicant's own dossier; 404 for any other (the same answer as a missing one)."""
    try:
        dossier = get_dossier_for(request.user, str(reference))
    except NotFound:
        raise Http404 from None
    if dossier.applicant_id != request.user.pk:
        raise Http404
    return dossier


def _lookup_rate(group, request):
    return settings.LOOKUP_RATE


def _signin_rate(group, request):
    return settings.SIGNIN_RATE


# Public look-ups (by code, by QR token, by feedback code) per client address.
lookup_limited = ratelimit(key="ip", rate=_lookup_rate, group="lookup", block=True)
# Sign-in and registration attempts per client address (POST only: showing the form is free).
signin_limited = ratelimit(key="ip", rate=_signin_rate, group="signin", method="POST", block=True)
