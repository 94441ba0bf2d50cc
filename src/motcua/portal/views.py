"""Pages for applicants (thin: parse, call a service or selector, render)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from motcua.catalogue.models import Field, Procedure


def home(request):
    return render(
        request,
        "portal/home.html",
        {
            "procedures": Procedure.objects.filter(is_active=True).count(),
            "fields": Field.objects.order_by("name"),
        },
    )


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Số định danh, mã số thuế (hoặc tên đăng nhập) hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản này đã bị khóa."),
    }


class SignInView(auth_views.LoginView):
    """Đăng nhập: applicants with their personal ID or tax code, officials with their user name."""

    template_name = "portal/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        user = self.request.user
        if getattr(user, "kind", None) == "official":
            return reverse("backoffice:home")
        return reverse("portal:home")


class SignOutView(auth_views.LogoutView):
    next_page = "portal:home"
