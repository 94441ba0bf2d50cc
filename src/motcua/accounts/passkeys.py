"""Khóa truy cập (WebAuthn passkeys): a second factor for officials beside the authenticator app.

An official whose session is already verified adds a passkey (a security key, the phone or the
computer's own authenticator) at ``/xac-thuc-hai-yeu-to/khoa-truy-cap/``; at later sign-ins the second
step offers it next to the app's code and the recovery codes (which keep working). The WebAuthn
ceremonies are Yubico's ``fido2`` server (``Fido2Server``): motcua keeps the challenge in the session
and takes it out before checking, so an answer is accepted once; the origin the browser signed must
be this site's (``MOTCUA_WEBAUTHN_ORIGINS``, by default the address the page was served from), so an
assertion made on another site is refused; and the authenticator's signature counter must go up.

The relying party is ``MOTCUA_WEBAUTHN_RP_ID`` (by default the host name of the request): a passkey
is bound to it, so it must stay the same once officials have enrolled.
"""

from __future__ import annotations

import json
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from fido2.server import Fido2Server
from fido2.utils import websafe_encode
from fido2.webauthn import (
    AttestedCredentialData,
    AuthenticationResponse,
    PublicKeyCredentialRpEntity,
    PublicKeyCredentialUserEntity,
    RegistrationResponse,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from motcua.accounts import alerts, two_factor
from motcua.accounts.models import Passkey, User
from motcua.audit.models import Action
from motcua.audit.services import record
from motcua.core.errors import ValidationFailed

logger = logging.getLogger("motcua.accounts.passkeys")

_REGISTERING = "motcua_passkey_registering"
_SIGNING_IN = "motcua_passkey_signing_in"
NAME_MAX = 60


def _refused(message: str) -> ValidationFailed:
    return ValidationFailed(message, fields={"credential": [message]})


def _origin(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def allowed_origins(request) -> list[str]:
    configured = list(getattr(settings, "WEBAUTHN_ORIGINS", []) or [])
    return configured or [_origin(request)]


def rp_id(request) -> str:
    return getattr(settings, "WEBAUTHN_RP_ID", "") or urlsplit(_origin(request)).hostname or ""


def _server(request) -> Fido2Server:
    origins = set(allowed_origins(request))
    return Fido2Server(
        PublicKeyCredentialRpEntity(name=getattr(settings, "SITE_NAME", "motcua"), id=rp_id(request)),
        verify_origin=lambda origin: origin in origins,
    )


def passkeys_of(user: User):
    return Passkey.objects.filter(user=user, confirmed=True).order_by("created_at", "pk")


def has_passkeys(user: User) -> bool:
    return passkeys_of(user).exists()


def _credential(passkey: Passkey) -> AttestedCredentialData:
    return AttestedCredentialData(bytes(passkey.credential_data))


def _parsed(text: str, kind):
    try:
        return kind.from_dict(json.loads(text))
    except (ValueError, TypeError, KeyError, AttributeError):
        raise _refused(_("Trình duyệt gửi về một phản hồi không đọc được; vui lòng thử lại.")) from None


def _explain(error: ValueError, request, origin: str) -> ValidationFailed:
    """fido2 says what failed in English for developers; the official reads why, in their language."""
    text = str(error)
    if "origin" in text:
        return _refused(
            _(
                "Khóa truy cập đã ký cho một trang khác (%(origin)s), không phải trang này "
                "(%(ours)s): từ chối. Chỉ dùng khóa truy cập trên đúng địa chỉ của hệ thống."
            )
            % {"origin": origin or "?", "ours": ", ".join(allowed_origins(request))}
        )
    if "challenge" in text:
        return _refused(
            _("Phản hồi của khóa truy cập đã được dùng hoặc đã hết hạn: từ chối. Vui lòng thử lại.")
        )
    if "RP ID" in text:
        return _refused(_("Khóa truy cập này thuộc một hệ thống khác: từ chối."))
    if "Unknown credential" in text:
        return _refused(_("Khóa truy cập này chưa được đăng ký cho tài khoản của Ông/Bà."))
    return _refused(_("Khóa truy cập không xác thực được (chữ ký không đúng): từ chối."))


# ---- adding a passkey -------------------------------------------------------------------------


def registration_options(request) -> dict:
    """The options for ``navigator.credentials.create`` (JSON), the challenge kept in the session."""
    user = request.user
    options, state = _server(request).register_begin(
        PublicKeyCredentialUserEntity(
            id=f"motcua-user-{user.pk}".encode(),
            name=user.get_username(),
            display_name=str(user),
        ),
        credentials=[_credential(p) for p in passkeys_of(user)],
        resident_key_requirement=ResidentKeyRequirement.DISCOURAGED,
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    request.session[_REGISTERING] = state
    return dict(options)


def register(*, request, response: str, name: str) -> Passkey:
    """The browser's answer to ``navigator.credentials.create``: the passkey is added."""
    user = request.user
    name = (name or "").strip()[:NAME_MAX] or _("Khóa truy cập")
    state = request.session.pop(_REGISTERING, None)
    registration = _parsed(response, RegistrationResponse)
    if state is None:
        raise _refused(
            _("Phản hồi của khóa truy cập đã được dùng hoặc đã hết hạn: từ chối. Vui lòng thử lại.")
        )
    origin = registration.response.client_data.origin
    try:
        auth_data = _server(request).register_complete(state, registration)
    except ValueError as exc:
        raise _explain(exc, request, origin) from None
    data = auth_data.credential_data
    credential_id = websafe_encode(data.credential_id)
    if Passkey.objects.filter(credential_id=credential_id).exists():
        raise _refused(_("Khóa truy cập này đã được đăng ký."))
    with transaction.atomic():
        passkey = Passkey.objects.create(
            user=user,
            name=name,
            confirmed=True,
            credential_id=credential_id,
            credential_data=bytes(data),
            sign_count=auth_data.counter,
            created_at=timezone.now(),
        )
        record(
            action=Action.CHANGE,
            user=user,
            object_type="account",
            object_ref=user.get_username(),
            detail={"two_factor": "passkey_added", "passkey": name},
        )
    return passkey


def remove(*, request, passkey_id: int) -> str:
    user = request.user
    passkey = passkeys_of(user).filter(pk=passkey_id).first()
    if passkey is None:
        raise _refused(_("Không tìm thấy khóa truy cập này."))
    name = passkey.name
    with transaction.atomic():
        passkey.delete()
        record(
            action=Action.CHANGE,
            user=user,
            object_type="account",
            object_ref=user.get_username(),
            detail={"two_factor": "passkey_removed", "passkey": name},
        )
    return name


# ---- signing in with a passkey ----------------------------------------------------------------


def authentication_options(request) -> dict | None:
    """Options for ``navigator.credentials.get`` over the account's passkeys (None if it has none)."""
    credentials = [_credential(p) for p in passkeys_of(request.user)]
    if not credentials:
        return None
    options, state = _server(request).authenticate_begin(
        credentials, user_verification=UserVerificationRequirement.PREFERRED
    )
    request.session[_SIGNING_IN] = state
    return dict(options)


def authenticate(*, request, response: str) -> Passkey:
    """The second step with a passkey: the assertion must answer this session's challenge (once),
    for this site's origin, signed by one of the account's passkeys with a counter that went up."""
    user = request.user
    state = request.session.pop(_SIGNING_IN, None)
    assertion = _parsed(response, AuthenticationResponse)
    device = two_factor.enrolled_device(user)
    if device is not None:
        two_factor.refuse_if_locked(device)
    origin = assertion.response.client_data.origin
    try:
        if state is None:
            raise ValueError("Wrong challenge in response.")
        passkeys = list(passkeys_of(user))
        credential = _server(request).authenticate_complete(
            state, [_credential(p) for p in passkeys], assertion
        )
        passkey = next(p for p in passkeys if bytes(p.credential_data) == bytes(credential))
        counter = assertion.response.authenticator_data.counter
        if (counter or passkey.sign_count) and counter <= passkey.sign_count:
            raise ValueError("Signature counter did not increase.")
    except ValueError as exc:
        if device is not None:
            two_factor.count_failure(request, device)
        if "counter" in str(exc):
            alerts.passkey_counter(request=request, user=user, passkey_name=passkey.name)
            raise _refused(
                _(
                    "Bộ đếm chữ ký của khóa truy cập không tăng (có thể là một phản hồi cũ được gửi lại "
                    "hoặc khóa đã bị sao chép): từ chối."
                )
            ) from None
        raise _explain(exc, request, origin) from None
    Passkey.objects.filter(pk=passkey.pk).update(sign_count=counter, last_used_at=timezone.now())
    if device is not None:
        device.throttle_reset()
    otp_login(request, passkey)
    return passkey
