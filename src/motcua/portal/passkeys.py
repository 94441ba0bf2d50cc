"""Khóa truy cập: an official's passkeys (WebAuthn), added and removed once the session has proved a
second factor. The rules are in ``accounts.passkeys``; this page only shows them."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from motcua.accounts import passkeys, two_factor
from motcua.accounts.policy import required_for
from motcua.core.errors import DomainError
from motcua.portal.access import signin_limited


class AddForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Tên gợi nhớ của khóa"),
        max_length=passkeys.NAME_MAX,
        required=False,
        help_text=gettext_lazy("Ví dụ: khóa USB cơ quan, máy tính phòng một cửa."),
    )


def _second_factor_proved(view):
    """Only a session that proved a second factor manages the factors (else: prove it first)."""

    @login_required
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not required_for(user):
            return render(
                request,
                "portal/applicants_only.html",
                {"message": _("Khóa truy cập là yếu tố xác thực thứ hai của cán bộ, quản trị viên.")},
                status=403,
            )
        if not user.is_verified():
            return redirect(reverse("portal:two-factor") + "?" + urlencode({"next": request.path}))
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _page(request, *, form=None, error="", status=200):
    return render(
        request,
        "portal/two_factor/passkeys.html",
        {
            "form": form or AddForm(),
            "error": error,
            "passkeys": passkeys.passkeys_of(request.user),
            "options": passkeys.registration_options(request),
            "recovery_codes_left": two_factor.recovery_codes_left(request.user),
        },
        status=status,
    )


@_second_factor_proved
@signin_limited
def manage(request):
    """The list of passkeys, and "Thêm khóa truy cập" (the browser makes the key; the page keeps it)."""
    if request.method != "POST":
        return _page(request)
    form = AddForm(request.POST)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    try:
        passkey = passkeys.register(
            request=request, response=request.POST.get("credential", ""), name=form.cleaned_data["name"]
        )
    except DomainError as exc:
        return _page(request, form=form, error=exc.message, status=exc.status)
    messages.success(
        request,
        _("Đã thêm khóa truy cập “%(name)s”. Lần đăng nhập sau, Ông/Bà có thể dùng khóa này thay cho mã.")
        % {"name": passkey.name},
    )
    return redirect("portal:passkeys")


@_second_factor_proved
@require_POST
def remove(request, passkey_id: int):
    try:
        name = passkeys.remove(request=request, passkey_id=passkey_id)
    except DomainError as exc:
        return _page(request, error=exc.message, status=404)
    messages.success(request, _("Đã gỡ khóa truy cập “%(name)s”.") % {"name": name})
    return redirect("portal:passkeys")
