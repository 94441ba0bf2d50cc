"""Đăng nhập bằng định danh điện tử: the pages of the OpenID Connect sign-in (``accounts.oidc``).

``/dang-nhap/dinh-danh/`` sends the browser to the provider (PKCE, state and nonce kept in the
session by Authlib); ``/dang-nhap/dinh-danh/ve/`` takes the answer back, checks the ID token and
signs in; ``/dang-nhap/dinh-danh/lien-ket/`` asks for the password of a local account with the
same number before linking it. A refused answer says why, in Vietnamese and English, and creates
nothing.
"""

from __future__ import annotations

import logging

from django import forms
from django.contrib.auth import login
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.accounts import oidc
from motcua.core.errors import DomainError
from motcua.portal.access import signin_limited
from motcua.portal.forms import apply_errors

logger = logging.getLogger("motcua.oidc")

_NEXT = "oidc_next"
_LINK = "oidc_link"
ID_TOKEN = "oidc_id_token"
_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _provider():
    p = oidc.provider()
    if p is None:
        raise Http404
    return p


def start(request):
    """Send the browser to the identity provider."""
    p = _provider()
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        request.session[_NEXT] = target
    try:
        return oidc.client(p).authorize_redirect(
            request, request.build_absolute_uri(reverse("portal:oidc-callback"))
        )
    except Exception:  # noqa: BLE001 - the provider is down or its discovery document is wrong
        logger.exception("could not reach the identity provider %s", p.issuer)
        return _refused(
            request, _("Không kết nối được với cổng định danh điện tử; vui lòng thử lại sau."), status=502
        )


def _refused(request, message: str, status: int = 400):
    return render(request, "portal/national_identity/refused.html", {"message": message}, status=status)


def _why(exc: Exception) -> str:
    """The reason an answer was refused, in words a citizen (and an operator) can act on."""
    from authlib.integrations.base_client import MismatchingStateError, OAuthError
    from joserfc import errors

    if isinstance(exc, MismatchingStateError):
        return _("Phiên đăng nhập không khớp (state): hãy bắt đầu đăng nhập lại từ trang này.")
    if isinstance(exc, OAuthError):
        if exc.error == "access_denied":
            return _("Ông/Bà đã hủy đăng nhập tại cổng định danh.")
        return _("Cổng định danh từ chối yêu cầu: %(error)s.") % {"error": exc.description or exc.error}
    if isinstance(exc, errors.BadSignatureError | errors.InvalidKeyIdError):
        return _("Chữ ký của mã định danh (ID token) không hợp lệ.")
    if isinstance(exc, errors.ExpiredTokenError):
        return _("Mã định danh (ID token) đã hết hạn.")
    if isinstance(exc, errors.InvalidClaimError | errors.MissingClaimError):
        claim = getattr(exc, "claim", "") or str(exc)
        words = {
            "iss": _("không do cổng định danh đã cấu hình cấp (iss)"),
            "aud": _("không cấp cho ứng dụng này (aud)"),
            "nonce": _("không thuộc lần đăng nhập này (nonce), có thể là mã dùng lại"),
            "exp": _("đã hết hạn"),
        }
        for key, text in words.items():
            if key in claim:
                return _("Mã định danh (ID token) %(why)s.") % {"why": text}
        return _("Mã định danh (ID token) không hợp lệ: %(claim)s.") % {"claim": claim}
    if isinstance(exc, errors.JoseError):
        return _("Mã định danh (ID token) không đọc được.")
    return _("Không hoàn tất được đăng nhập với cổng định danh.")


def callback(request):
    """The provider's answer: the code is exchanged, the ID token checked, the citizen signed in."""
    p = _provider()
    app = oidc.client(p)
    try:
        token = app.authorize_access_token(
            request,
            claims_options={
                "iss": {"essential": True, "value": p.issuer},
                "aud": {"essential": True, "value": p.client_id},
                "nonce": {"essential": True},
            },
            leeway=60,
        )
        if "userinfo" not in token or token.get("userinfo") is None:
            raise DomainError(_("Cổng định danh không gửi mã định danh (ID token)."))
        person = oidc.person_from(p, dict(token["userinfo"]))
    except DomainError as exc:
        return _refused(request, str(exc.message))
    except Exception as exc:  # noqa: BLE001 - every refusal gets its reason; the log keeps the details
        logger.warning("identity provider answer refused: %r", exc)
        return _refused(request, _why(exc))
    try:
        user = oidc.sign_in(person=person)
    except oidc.LinkRequired:
        request.session[_LINK] = signing.dumps(
            {
                "person": person.as_claims() | {"issuer": person.issuer, "subject": person.subject},
                "id_token": token.get("id_token", ""),
            },
            salt="motcua.portal.oidc-link",
        )
        return redirect("portal:oidc-link")
    except DomainError as exc:
        return _refused(request, str(exc.message))
    return _signed_in(request, user, token.get("id_token", ""))


def _signed_in(request, user, id_token: str):
    target = request.session.pop(_NEXT, "") or reverse("portal:my-dossiers")
    login(request, user, backend=_BACKEND)
    request.session[ID_TOKEN] = id_token
    return redirect(target)


class LinkForm(forms.Form):
    password = forms.CharField(label=gettext_lazy("Mật khẩu của tài khoản đã có"), widget=forms.PasswordInput)


def _pending_person(request):
    raw = request.session.get(_LINK)
    if not raw:
        return None, ""
    try:
        data = signing.loads(raw, salt="motcua.portal.oidc-link", max_age=600)
    except signing.BadSignature:
        return None, ""
    values = data["person"]
    from datetime import date

    person = oidc.VerifiedPerson(
        issuer=values["issuer"],
        subject=values["subject"],
        personal_id=values["personal_id"],
        full_name=values["full_name"],
        birth_date=date.fromisoformat(values["birth_date"]) if values["birth_date"] else None,
        male=None if values["sex"] is None else values["sex"] == "male",
        address=values["address"],
        phone=values["phone"],
        email=values["email"],
    )
    return person, data["id_token"]


@signin_limited
def link(request):
    """Liên kết tài khoản: prove the local account with the same number (its password)."""
    person, id_token = _pending_person(request)
    if person is None:
        return _refused(
            request, _("Phiên liên kết đã hết hạn; vui lòng đăng nhập lại bằng định danh điện tử.")
        )
    form = LinkForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                user = oidc.link_with_password(
                    request=request, person=person, password=form.cleaned_data["password"]
                )
            except DomainError as exc:
                apply_errors(form, exc.fields or {"password": [exc.message]})
            else:
                request.session.pop(_LINK, None)
                return _signed_in(request, user, id_token)
    return render(
        request, "portal/national_identity/link.html", {"form": form, "person": person}, status=status
    )


def end_session_url(request, id_token: str) -> str | None:
    """Where to send the browser so the provider's session ends too (RP-initiated logout)."""
    p = oidc.provider()
    if p is None or not id_token:
        return None
    try:
        metadata = oidc.client(p).load_server_metadata()
    except Exception:  # noqa: BLE001 - signing out here must work even if the provider is down
        logger.exception("could not read the identity provider's metadata to sign out")
        return None
    endpoint = metadata.get("end_session_endpoint")
    if not endpoint:
        return None
    from urllib.parse import urlencode

    back = request.build_absolute_uri(reverse("portal:home"))
    return (
        endpoint
        + "?"
        + urlencode({"id_token_hint": id_token, "post_logout_redirect_uri": back, "client_id": p.client_id})
    )
