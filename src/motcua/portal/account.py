"""Tài khoản: the applicant's contact details and how they want to hear about their dossiers, the
verification of their e-mail and phone (a code sent to each), their address and their password."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from motcua.accounts import recovery
from motcua.accounts.oidc import verified_data
from motcua.core.errors import DomainError
from motcua.integration.one_time_codes import send_code
from motcua.integration.selectors import contact_preference
from motcua.integration.services import set_contact_preference
from motcua.portal.access import applicant_required
from motcua.portal.forms import apply_errors


class ContactForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Thư điện tử"), required=False, max_length=254)
    phone = forms.CharField(label=gettext_lazy("Điện thoại di động"), required=False, max_length=20)
    by_email = forms.BooleanField(label=gettext_lazy("Nhận thông báo qua thư điện tử"), required=False)
    by_sms = forms.BooleanField(label=gettext_lazy("Nhận thông báo qua tin nhắn SMS"), required=False)
    language = forms.ChoiceField(
        label=gettext_lazy("Ngôn ngữ của thông báo"), choices=[("vi", "Tiếng Việt"), ("en", "English")]
    )


class PasswordForm(forms.Form):
    old_password = forms.CharField(
        label=gettext_lazy("Mật khẩu hiện tại"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password = forms.CharField(
        label=gettext_lazy("Mật khẩu mới"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )


class ProfileForm(forms.Form):
    address = forms.CharField(label=gettext_lazy("Địa chỉ liên hệ"), required=False, max_length=255)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã xác minh"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _page(request, *, form=None, password_form=None, profile_form=None, status=200):
    user = request.user
    preference = contact_preference(user)
    claims, identity = verified_data(user)
    context = {
        "form": form
        or ContactForm(
            initial={
                "email": user.email,
                "phone": user.phone,
                "by_email": preference.by_email,
                "by_sms": preference.by_sms,
                "language": preference.language,
            }
        ),
        "password_form": password_form or PasswordForm(),
        "profile_form": profile_form or ProfileForm(initial={"address": user.address}),
        "verified": recovery.verified_channels(user),
        "national_identity": identity,
    }
    return render(request, "portal/account.html", context, status=status)


@applicant_required
def account(request):
    if request.method != "POST":
        return _page(request)
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            set_contact_preference(user=request.user, **form.cleaned_data)
        except DomainError as exc:
            apply_errors(form, exc.fields)
        else:
            messages.success(request, _("Đã lưu cách nhận thông báo."))
            return redirect("portal:account")
    return _page(request, form=form, status=400)


@applicant_required
def change_password(request):
    if request.method != "POST":
        return redirect("portal:account")
    form = PasswordForm(request.POST)
    if form.is_valid():
        try:
            recovery.change_password(
                user=request.user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password"],
            )
        except DomainError as exc:
            apply_errors(form, exc.fields)
        else:
            update_session_auth_hash(request, request.user)  # this browser stays signed in
            messages.success(request, _("Đã đổi mật khẩu. Các phiên đăng nhập và khóa API khác đã kết thúc."))
            return redirect("portal:account")
    return _page(request, password_form=form, status=400)


@applicant_required
def change_profile(request):
    if request.method != "POST":
        return redirect("portal:account")
    form = ProfileForm(request.POST)
    if form.is_valid():
        request.user.address = form.cleaned_data["address"].strip()
        request.user.save(update_fields=["address"])
        messages.success(request, _("Đã lưu địa chỉ liên hệ."))
        return redirect("portal:account")
    return _page(request, profile_form=form, status=400)


@applicant_required
def verify_contact(request):
    """Send a code to the e-mail or phone on the account (POST ``channel``), then take it back."""
    if request.method == "POST" and "channel" in request.POST:
        try:
            delivery = recovery.request_verification(user=request.user, channel=request.POST["channel"])
        except DomainError as exc:
            messages.error(request, str(exc.message))
            return redirect("portal:account")
        send_code(delivery, purpose="verify", reference=f"verify-{request.user.pk}", language=get_language())
        messages.info(request, _("Đã gửi mã xác minh tới %(address)s.") % {"address": delivery.address})
        return redirect("portal:verify-contact")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                contact = recovery.confirm_verification(user=request.user, code=form.cleaned_data["code"])
            except DomainError as exc:
                apply_errors(form, exc.fields)
            else:
                messages.success(request, _("Đã xác minh %(address)s.") % {"address": contact.address})
                return redirect("portal:account")
    return render(request, "portal/account_verify.html", {"form": form}, status=status)
