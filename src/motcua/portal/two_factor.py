"""Xác thực hai yếu tố: the pages of the second step (enrol an authenticator app, type its code, or
answer with a passkey).

The rules are in ``accounts.two_factor``; these pages only show them. Reached when
``accounts.second_step`` sends an official here on the way to ``/can-bo/`` or the admin.
"""

from __future__ import annotations

from urllib.parse import urlencode

import segno
from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy

from motcua.accounts import passkeys, two_factor
from motcua.core.errors import DomainError
from motcua.portal.access import signin_limited
from motcua.portal.forms import apply_errors


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã xác thực"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return (
        reverse("backoffice:home")
        if getattr(request.user, "kind", "") == "official"
        else reverse("admin:index")
    )


@login_required
@signin_limited
def verify(request):
    """Second step of the sign-in: the 6-digit code of the app, or a recovery code."""
    if not two_factor.is_enrolled(request.user):
        return redirect(reverse("portal:two-factor-enrol") + "?" + urlencode({"next": _next(request)}))
    if request.method == "POST" and "credential" in request.POST:
        return _passkey(request)
    form = CodeForm(request.POST or None)
    status = 200 if request.method != "POST" else 400
    if request.method == "POST" and form.is_valid():
        try:
            result = two_factor.verify(request=request, code=form.cleaned_data["code"])
        except DomainError as exc:
            apply_errors(form, exc.fields or {"code": [exc.message]})
            status = exc.status
        else:
            if result.by_recovery_code:
                return render(
                    request,
                    "portal/two_factor/recovery_used.html",
                    {"left": result.recovery_codes_left, "next": _next(request)},
                )
            return redirect(_next(request))
    return _verify_page(request, form, status=status)


def _verify_page(request, form, *, status=200, passkey_error=""):
    return render(
        request,
        "portal/two_factor/verify.html",
        {
            "form": form,
            "next": _next(request),
            "passkey_options": passkeys.authentication_options(request),
            "passkey_error": passkey_error,
        },
        status=status,
    )


def _passkey(request):
    """The second step answered by a passkey (the browser's assertion in ``credential``)."""
    try:
        passkeys.authenticate(request=request, response=request.POST.get("credential", ""))
    except DomainError as exc:
        return _verify_page(request, CodeForm(), status=exc.status, passkey_error=exc.message)
    return redirect(_next(request))


@login_required
@signin_limited
def enrol(request):
    """Đăng ký ứng dụng xác thực: scan the QR code, type the code the app shows; recovery codes once."""
    device = two_factor.pending_device(request.user)
    if two_factor.is_enrolled(request.user) and not request.user.is_verified():
        # Replacing an enrolled app needs the old one first (or an administrator's reset).
        return redirect(reverse("portal:two-factor") + "?" + urlencode({"next": _next(request)}))
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.confirm_enrolment(request=request, code=form.cleaned_data["code"])
        except DomainError as exc:
            apply_errors(form, exc.fields or {"code": [exc.message]})
            status = exc.status
        else:
            return render(
                request, "portal/two_factor/recovery_codes.html", {"codes": codes, "next": _next(request)}
            )
    elif request.method == "POST":
        status = 400
    uri = two_factor.provisioning_uri(device)
    qr = segno.make(uri, error="m").svg_inline(
        scale=5, border=2, title=str(gettext_lazy("Mã QR để quét bằng ứng dụng xác thực")), omitsize=True
    )
    return render(
        request,
        "portal/two_factor/enrol.html",
        {"form": form, "qr": qr, "secret": two_factor.secret_text(device), "next": _next(request)},
        status=status,
    )
