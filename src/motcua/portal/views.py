"""Pages for applicants that belong to no larger group: home, sign-in, sign-up."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from motcua.accounts import services as accounts
from motcua.catalogue.models import Field, OnlineLevel, Procedure
from motcua.core.errors import DomainError, NotFound
from motcua.paperwork.selectors import dossier_for_token
from motcua.portal.access import signin_limited
from motcua.portal.forms import ActivationForm, BusinessSignUpForm, CitizenSignUpForm, apply_errors
from motcua.search.selectors import MAX_QUESTION


def home(request):
    active = Procedure.objects.filter(is_active=True)
    fields = (
        Field.objects.annotate(active=Count("procedures", filter=Q(procedures__is_active=True)))
        .filter(active__gt=0)
        .order_by("name")
    )
    return render(
        request,
        "portal/home.html",
        {
            "procedures": active.count(),
            "online": active.filter(online_level__in=[OnlineLevel.FULL, OnlineLevel.PARTIAL]).count(),
            "fields": fields,
            "question_max": MAX_QUESTION,
        },
    )


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Số định danh, mã số thuế (hoặc tên đăng nhập) hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản này đã bị khóa."),
    }


@method_decorator(signin_limited, name="post")
class SignInView(auth_views.LoginView):
    """Đăng nhập: applicants with their personal ID or tax code, officials with their user name."""

    template_name = "portal/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        user = self.request.user
        if getattr(user, "kind", None) == "official":
            return reverse("backoffice:home")
        return reverse("portal:my-dossiers")


class SignOutView(auth_views.LogoutView):
    next_page = "portal:home"


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("portal:my-dossiers")


@signin_limited
def sign_up(request):
    """Đăng ký: a citizen by personal ID number, or an organisation by tax code; signed in at once."""
    business = request.GET.get("loai") == "to-chuc" or request.POST.get("kind") == "business"
    form_class = BusinessSignUpForm if business else CitizenSignUpForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        try:
            if business:
                user = accounts.register_business(
                    tax_code=values["tax_code"],
                    name=values["name"],
                    password=values["password"],
                    phone=values["phone"],
                    email=values["email"],
                    address=values["address"],
                )
            else:
                user = accounts.register_citizen(
                    personal_id=values["personal_id"],
                    full_name=values["full_name"],
                    birth_date=values["birth_date"],
                    is_male=values["sex"] == "male",
                    password=values["password"],
                    phone=values["phone"],
                    email=values["email"],
                    address=values["address"],
                )
        except DomainError as exc:
            apply_errors(form, exc.fields)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(_next_url(request))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "portal/sign_up.html",
        {"form": form, "business": business, "next": request.POST.get("next") or request.GET.get("next", "")},
        status=status,
    )


@signin_limited
def activate(request, token: str):
    """Kích hoạt tài khoản: the receipt's QR code + the applicant's own number → a password.

    An applicant received at the counter has an account without a password; holding the
    receipt (its unguessable look-up token) and typing their personal ID or tax code lets them
    set one and follow all their dossiers online.
    """
    try:
        dossier = dossier_for_token(token)
    except NotFound:
        return render(request, "portal/lookup/lookup.html", {"code": "", "not_found": True}, status=404)
    form = ActivationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = accounts.activate_counter_account(
                applicant=dossier.applicant,
                identifier=form.cleaned_data["identifier"],
                password=form.cleaned_data["password"],
            )
        except DomainError as exc:
            apply_errors(form, exc.fields)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Đã kích hoạt tài khoản. Từ nay ông/bà đăng nhập bằng số của mình và mật khẩu vừa đặt."),
            )
            return redirect("portal:my-dossiers")
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/activate.html", {"form": form, "code": dossier.code}, status=status)
