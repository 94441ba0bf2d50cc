"""Tài khoản: the applicant's contact details and how they want to hear about their dossiers."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.errors import DomainError
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


@applicant_required
def account(request):
    user = request.user
    preference = contact_preference(user)
    if request.method != "POST":
        form = ContactForm(
            initial={
                "email": user.email,
                "phone": user.phone,
                "by_email": preference.by_email,
                "by_sms": preference.by_sms,
                "language": preference.language,
            }
        )
        return render(request, "portal/account.html", {"form": form})
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            set_contact_preference(user=user, **form.cleaned_data)
        except DomainError as exc:
            apply_errors(form, exc.fields)
        else:
            messages.success(request, _("Đã lưu cách nhận thông báo."))
            return redirect("portal:account")
    return render(request, "portal/account.html", {"form": form}, status=400)
