"""Pages for applicants that belong to no larger group: home, sign-in, sign-up."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from motcua.accounts import services as accounts
from motcua.accounts.activation import activate_counter_account
from motcua.accounts.oidc import provider
from motcua.catalogue.models import Field, OnlineLevel, Procedure
from motcua.core.errors import DomainError, NotFound
from motcua.integration.activation import send_activation_code
from motcua.paperwork.selectors import dossier_for_token
from motcua.portal.access import signin_limited
from motcua.portal.forms import (
    ActivationCodeRequestForm,
    ActivationForm,
    BusinessSignUpForm,
    CitizenSignUpForm,
    apply_errors,
)
from motcua.portal.national_identity import ID_TOKEN, end_session_url
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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["national_identity"] = provider()
        return context

    def get_default_redirect_url(self):
        user = self.request.user
        if getattr(user, "kind", None) == "official":
            return reverse("backoffice:home")
        return reverse("portal:my-dossiers")


class SignOutView(auth_views.LogoutView):
    """Đăng xuất; a citizen signed in with the national identity is signed out at the provider too."""

    next_page = "portal:home"

    def post(self, request, *args, **kwargs):
        id_token = request.session.get(ID_TOKEN, "")
        response = super().post(request, *args, **kwargs)
        at_provider = end_session_url(request, id_token) if id_token else None
        return redirect(at_provider) if at_provider else response


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
    """Kích hoạt tài khoản: the receipt's QR code, the applicant's own number and a second factor → a password.

    An applicant received at the counter has an account without a password. Holding the
    receipt (its unguessable look-up token) is not enough, nor the number printed on it: a
    one-time code goes to the phone or e-mail given at the counter ("Gửi mã xác nhận"), or,
    where none was given, the activation code printed on the receipt goes with the birth date.
    Every refusal reads the same (``accounts.activation``).
    """
    try:
        dossier = dossier_for_token(token)
    except NotFound:
        return render(request, "portal/lookup/lookup.html", {"code": "", "not_found": True}, status=404)
    context = {"code": dossier.code, "minutes": settings.ACTIVATION_CODE_MINUTES}
    if request.method == "POST" and request.POST.get("action") == "send":
        asked = ActivationCodeRequestForm(request.POST)
        if asked.is_valid():
            send_activation_code(
                applicant=dossier.applicant,
                identifier=asked.cleaned_data["identifier"],
                language=get_language(),
            )
            context["sent"] = True
        # The same form again, the number kept; only the number's own error matters at this step.
        form = ActivationForm(request.POST)
        form.is_valid()
        for name in [name for name in form.errors if name != "identifier"]:
            del form.errors[name]
        context["form"] = form
        return render(request, "portal/activate.html", context, status=200 if asked.is_valid() else 400)
    form = ActivationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = activate_counter_account(
                applicant=dossier.applicant,
                identifier=form.cleaned_data["identifier"],
                code=form.cleaned_data["code"],
                birth_date=form.cleaned_data["birth_date"],
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
    context["form"] = form
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/activate.html", context, status=status)
