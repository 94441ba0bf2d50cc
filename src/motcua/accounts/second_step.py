"""The second step of a sign-in, enforced where it matters: an account that needs a second factor
(``accounts.policy``) and has not proved one in this session is sent to enrol or to type its code
before any page under ``/can-bo/`` or ``/admin/``. Other pages (the portal, sign-out, the code page
itself) stay open. The API asks for the code when the token is issued (``api.accounts``).

Also here: the browser cookie that lets ``accounts.alerts`` recognise a known device, set on the
answer to the sign-in that created it, and the receivers that feed the alerts.
"""

from __future__ import annotations

from urllib.parse import urlencode

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse

from motcua.accounts import alerts
from motcua.accounts.models import User
from motcua.accounts.policy import required_for

PROTECTED = ("/can-bo/", "/admin/")
OPEN = ("/admin/login/", "/admin/logout/")


class SecondFactorMiddleware:
    """After django-otp's ``OTPMiddleware`` (which tells whether this session proved a factor)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if path.startswith(PROTECTED) and not path.startswith(OPEN):
            user = request.user
            if required_for(user) and not user.is_verified():
                return redirect(
                    reverse("portal:two-factor") + "?" + urlencode({"next": request.get_full_path()})
                )
        response = self.get_response(request)
        token = getattr(request, "motcua_device_cookie", None)
        if token:
            response.set_cookie(
                alerts.DEVICE_COOKIE,
                token,
                max_age=alerts.DEVICE_COOKIE_DAYS * 86400,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
        return response


@receiver(user_logged_in, dispatch_uid="accounts-unusual-sign-in")
def _signed_in(sender, request, user, **kwargs):
    if request is not None:
        alerts.signed_in(request=request, user=user)


@receiver(user_locked_out, dispatch_uid="accounts-locked-out-alert")
def _locked_out(sender, request, username=None, ip_address=None, **kwargs):
    typed = request.POST.get("username", "") if request is not None and hasattr(request, "POST") else ""
    user = User.objects.filter(username=typed).first() if typed else None
    if user is not None:
        alerts.many_failures(request=request, user=user, what="password")
