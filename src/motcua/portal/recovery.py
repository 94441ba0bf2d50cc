"""Quên mật khẩu: a code to the account's verified e-mail or phone, then a new password
(``accounts.recovery``). The first page answers the same words whatever was typed."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from motcua.accounts import recovery
from motcua.core.errors import DomainError
from motcua.integration.one_time_codes import send_code
from motcua.portal.access import signin_limited
from motcua.portal.forms import apply_errors

_IDENTIFIER = "reset_identifier"


class ForgotForm(forms.Form):
    identifier = forms.CharField(
        label=gettext_lazy("Số định danh cá nhân, mã số thuế hoặc tên đăng nhập"), max_length=150
    )


class ResetForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã xác nhận"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    password = forms.CharField(
        label=gettext_lazy("Mật khẩu mới"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password_again = forms.CharField(
        label=gettext_lazy("Nhập lại mật khẩu mới"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        values = super().clean()
        if values.get("password") and values.get("password") != values.get("password_again"):
            self.add_error("password_again", _("Hai lần nhập mật khẩu không giống nhau."))
        return values


@signin_limited
def forgot(request):
    form = ForgotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        identifier = form.cleaned_data["identifier"].strip()
        delivery = recovery.request_reset(identifier=identifier)
        send_code(delivery, purpose="reset", reference="password-reset", language=get_language())
        request.session[_IDENTIFIER] = identifier
        messages.info(
            request,
            _(
                "Nếu tài khoản này có thư điện tử hoặc số điện thoại đã xác minh, mã xác nhận đã được gửi tới đó "
                "(hiệu lực %(minutes)d phút)."
            )
            % {"minutes": settings.RECOVERY_CODE_MINUTES},
        )
        return redirect("portal:password-reset")
    return render(request, "portal/recovery/forgot.html", {"form": form}, status=400 if form.errors else 200)


@signin_limited
def reset(request):
    identifier = request.session.get(_IDENTIFIER)
    if not identifier:
        return redirect("portal:password-forgot")
    form = ResetForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                recovery.reset_password(
                    identifier=identifier,
                    code=form.cleaned_data["code"],
                    password=form.cleaned_data["password"],
                )
            except DomainError as exc:
                apply_errors(form, exc.fields or {None: [exc.message]})
            else:
                request.session.pop(_IDENTIFIER, None)
                messages.success(request, _("Đã đặt mật khẩu mới. Mời Ông/Bà đăng nhập."))
                return redirect("portal:sign-in")
    return render(
        request, "portal/recovery/reset.html", {"form": form, "identifier": identifier}, status=status
    )
