"""Cổng định danh thử nghiệm: a sandbox OpenID Connect provider served by motcua itself under
``/sandbox/oidc/`` when ``MOTCUA_OIDC_SANDBOX=1`` (the demo), so the national identity sign-in runs
on one machine. It speaks the real protocol and the client does not know it is a sandbox:

- discovery (``/.well-known/openid-configuration``), JWKS with an RS256 key generated at the first
  start and kept in ``MOTCUA_DATA_DIR/oidc-sandbox-key.pem``;
- ``authorize``: a page listing the demo residents (``demo.population``) to sign in as; it requires
  ``response_type=code``, PKCE (``S256``), ``state`` and ``nonce``;
- ``token`` (client secret, basic or post; the PKCE verifier checked), ``userinfo``, ``end-session``.

Codes and access tokens are signed, short-lived values (``django.core.signing``): any web worker can
answer any step, with no shared cache. A code is used once per process.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from joserfc import jwt
from joserfc.jwk import RSAKey

from motcua.accounts.oidc import SANDBOX_CLIENT_ID, sandbox_client_secret
from motcua.demo.population import RESIDENTS, resident

CODE_SECONDS = 60
TOKEN_SECONDS = 300
_CODE_SALT = "motcua.demo.oidc.code"
_TOKEN_SALT = "motcua.demo.oidc.access"
_used_codes: set[str] = set()


def _enabled() -> None:
    if not settings.OIDC_SANDBOX:
        raise Http404


def _issuer(request) -> str:
    return request.build_absolute_uri("/sandbox/oidc")


def signing_key() -> RSAKey:
    """The sandbox's RS256 key, made at the first start (atomically: several workers may race)."""
    path = settings.DATA_DIR / "oidc-sandbox-key.pem"
    if not path.exists():
        key = RSAKey.generate_key(2048)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(key.as_pem(private=True))
        os.chmod(temporary, 0o600)
        try:
            os.link(temporary, path)  # fails if another worker was first: theirs is kept
        except FileExistsError:
            pass
        finally:
            temporary.unlink(missing_ok=True)
    key = RSAKey.import_key(path.read_bytes())
    key.ensure_kid()
    return key


def discovery(request):
    _enabled()
    issuer = _issuer(request)
    return JsonResponse(
        {
            "issuer": issuer,
            "authorization_endpoint": f"{issuer}/authorize",
            "token_endpoint": f"{issuer}/token",
            "userinfo_endpoint": f"{issuer}/userinfo",
            "jwks_uri": f"{issuer}/jwks.json",
            "end_session_endpoint": f"{issuer}/end-session",
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "scopes_supported": ["openid", "profile", "email", "phone", "address"],
            "claims_supported": [
                "sub",
                "name",
                "birthdate",
                "gender",
                "address",
                "phone_number",
                "email",
                "personal_id_number",
            ],
        }
    )


def jwks(request):
    _enabled()
    public = signing_key().as_dict(private=False)
    public.update({"use": "sig", "alg": "RS256"})
    return JsonResponse({"keys": [public]})


def _refuse(request, message: str, status: int = 400):
    return render(request, "demo/oidc_authorize.html", {"error": message}, status=status)


def _same_site(request, url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and parts.netloc == request.get_host()


def authorize(request):
    """The sign-in page of the sandbox identity provider: choose a demo resident, agree."""
    _enabled()
    params = request.POST if request.method == "POST" else request.GET
    wanted = {
        k: params.get(k, "")
        for k in (
            "client_id",
            "redirect_uri",
            "response_type",
            "scope",
            "state",
            "nonce",
            "code_challenge",
            "code_challenge_method",
        )
    }
    if wanted["client_id"] != SANDBOX_CLIENT_ID:
        return _refuse(request, _("Ứng dụng (client_id) chưa được đăng ký với cổng định danh."))
    if not _same_site(request, wanted["redirect_uri"]):
        return _refuse(request, _("Địa chỉ quay lại (redirect_uri) không được phép."))
    problems = []
    if wanted["response_type"] != "code":
        problems.append("response_type=code")
    if "openid" not in wanted["scope"].split():
        problems.append("scope=openid")
    if not wanted["state"]:
        problems.append("state")
    if not wanted["nonce"]:
        problems.append("nonce")
    if not wanted["code_challenge"] or wanted["code_challenge_method"] != "S256":
        problems.append("PKCE (code_challenge_method=S256)")
    if problems:
        return _refuse(request, _("Yêu cầu đăng nhập thiếu: %(what)s.") % {"what": ", ".join(problems)})
    if request.method == "POST":
        back = wanted["redirect_uri"] + ("&" if "?" in wanted["redirect_uri"] else "?")
        if "cancel" in request.POST:
            return HttpResponseRedirect(
                back + urlencode({"error": "access_denied", "state": wanted["state"]})
            )
        person = resident(request.POST.get("resident", ""))
        if person is None:
            return _refuse(request, _("Chọn một người để đăng nhập."))
        code = signing.dumps(
            {
                **wanted,
                "resident": person.personal_id,
                "auth_time": int(time.time()),
                "jti": secrets.token_hex(8),
            },
            salt=_CODE_SALT,
            compress=True,
        )
        return HttpResponseRedirect(back + urlencode({"code": code, "state": wanted["state"]}))
    return render(request, "demo/oidc_authorize.html", {"residents": RESIDENTS, "params": wanted})


def _claims(personal_id: str, client_id: str) -> dict:
    person = resident(personal_id)
    subject = hashlib.sha256(f"{client_id}:{personal_id}".encode()).hexdigest()[:32]  # pairwise
    return {
        "sub": subject,
        "personal_id_number": person.personal_id,
        "name": person.full_name,
        "birthdate": person.birth_date.isoformat(),
        "gender": "male" if person.male else "female",
        "address": {"formatted": person.permanent_address, "country": "VN"},
        "phone_number": person.phone,
        "email": person.email,
    }


def _token_error(error: str, description: str, status: int = 400):
    return JsonResponse({"error": error, "error_description": description}, status=status)


def _client_credentials(request) -> tuple[str, str]:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header.startswith("Basic "):
        try:
            client_id, _sep, secret = base64.b64decode(header[6:]).decode().partition(":")
        except ValueError:
            return "", ""
        from urllib.parse import unquote

        return unquote(client_id), unquote(secret)
    return request.POST.get("client_id", ""), request.POST.get("client_secret", "")


@csrf_exempt
def token(request):
    _enabled()
    if request.method != "POST":
        return _token_error("invalid_request", "POST only", 405)
    client_id, secret = _client_credentials(request)
    if client_id != SANDBOX_CLIENT_ID or not secrets.compare_digest(secret, sandbox_client_secret()):
        return _token_error("invalid_client", "unknown client or wrong secret", 401)
    if request.POST.get("grant_type") != "authorization_code":
        return _token_error("unsupported_grant_type", "authorization_code only")
    raw = request.POST.get("code", "")
    try:
        grant = signing.loads(raw, salt=_CODE_SALT, max_age=CODE_SECONDS)
    except signing.BadSignature:
        return _token_error("invalid_grant", "unknown or expired code")
    if grant["jti"] in _used_codes:
        return _token_error("invalid_grant", "code already used")
    if request.POST.get("redirect_uri") != grant["redirect_uri"] or grant["client_id"] != client_id:
        return _token_error("invalid_grant", "redirect_uri or client does not match the code")
    verifier = request.POST.get("code_verifier", "")
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    if not verifier or not secrets.compare_digest(challenge, grant["code_challenge"]):
        return _token_error("invalid_grant", "PKCE verifier does not match the challenge")
    _used_codes.add(grant["jti"])
    now = int(time.time())
    claims = _claims(grant["resident"], client_id)
    key = signing_key()
    id_token = jwt.encode(
        {"alg": "RS256", "kid": key.kid, "typ": "JWT"},
        {
            **claims,
            "iss": _issuer(request),
            "aud": client_id,
            "iat": now,
            "exp": now + TOKEN_SECONDS,
            "auth_time": grant["auth_time"],
            "nonce": grant["nonce"],
            "acr": "vneid-level-2",
        },
        key,
    )
    access = signing.dumps({"resident": grant["resident"], "client": client_id}, salt=_TOKEN_SALT)
    return JsonResponse(
        {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": TOKEN_SECONDS,
            "id_token": id_token,
            "scope": grant["scope"],
        },
        headers={"Cache-Control": "no-store"},
    )


def userinfo(request):
    _enabled()
    header = request.META.get("HTTP_AUTHORIZATION", "")
    try:
        grant = signing.loads(header.removeprefix("Bearer "), salt=_TOKEN_SALT, max_age=TOKEN_SECONDS)
    except signing.BadSignature:
        return JsonResponse({"error": "invalid_token"}, status=401)
    return JsonResponse(_claims(grant["resident"], grant["client"]))


def end_session(request):
    """RP-initiated logout: the provider's session ends (the sandbox keeps none) and the browser goes back."""
    _enabled()
    target = request.GET.get("post_logout_redirect_uri", "")
    if target and _same_site(request, target):
        state = request.GET.get("state")
        return HttpResponseRedirect(target + (("?" + urlencode({"state": state})) if state else ""))
    return render(request, "demo/oidc_authorize.html", {"signed_out": True})
