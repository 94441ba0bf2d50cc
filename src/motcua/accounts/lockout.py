"""Sign-in lockout (django-axes): after ``MOTCUA_SIGNIN_FAILURE_LIMIT`` wrong passwords for one
account, or from one address, sign-in is refused for ``MOTCUA_SIGNIN_LOCKOUT_MINUTES`` on the
portal, ``/admin/login/`` and ``POST /api/v1/auth/token/`` alike, the right password included.

Counts are kept where every process sees them: the shared cache when ``MOTCUA_CACHE_URL`` is set
(Redis at scale), the database otherwise. Axes stores a keyed hash of the identifier typed, never
the text (a password typed into the user field must not be kept), like the audit log.
"""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.audit.context import client_ip
from motcua.audit.services import identifier_digest
from motcua.core.errors import error_body


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' check, for sign-ins that come with a request (every page and API sign-in does).
    A call without one (a management command, the shell) has no address to count and is let
    through to the password check instead of failing."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def hashed_identifier(request, credentials) -> str | None:

    username = (credentials or {}).get("username")
    if username is None and request is not None and hasattr(request, "POST"):
        username = request.POST.get("username")
    return identifier_digest(str(username)) if username else None


def client_address(request) -> str:

    return client_ip(request)


def locked_out(request, original_response=None, credentials=None):
    from django.conf import settings

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _("Đăng nhập sai quá nhiều lần; vui lòng thử lại sau %(minutes)s phút.") % {"minutes": minutes}
    if request.path.startswith("/api/"):
        response = JsonResponse(error_body("locked_out", message), status=429)
    else:
        response = render(request, "accounts/locked_out.html", {"message": message}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
