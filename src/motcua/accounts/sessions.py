"""Idle sessions end: an official's after ``OFFICIAL_SESSION_MINUTES`` (30) without a request, an
applicant's after ``CITIZEN_SESSION_MINUTES``. A computer left signed in at a counter or in a
commune office does not stay open to the next person.

The session is re-saved at most once a minute, not on every request, to spare the database.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth.models import AnonymousUser

TOUCHED = "_motcua_last_seen"


def idle_limit_seconds(user) -> int:
    official = user.is_staff or user.is_superuser or getattr(user, "official", None) is not None
    minutes = settings.OFFICIAL_SESSION_MINUTES if official else settings.CITIZEN_SESSION_MINUTES
    return minutes * 60


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now, limit = int(time.time()), idle_limit_seconds(user)
            last = request.session.get(TOUCHED)
            if last is not None and now - last > limit:
                # Not logout(): an idle page is no sign-out, so the account's API tokens stay valid.
                request.session.flush()
                request.user = AnonymousUser()
            elif last is None or now - last >= 60:
                request.session[TOUCHED] = now
                request.session.set_expiry(limit)
        return self.get_response(request)
