"""Xác thực hai yếu tố: officials and administrators prove a second factor before the officials'
pages (``/can-bo/``), the admin, or an API token.

- The factor is a TOTP authenticator app (django-otp), enrolled by scanning a QR code, plus ten
  single-use recovery codes shown once at enrolment (for a lost phone).
- Or a WebAuthn passkey added beside the app (``accounts.passkeys``).
- Who needs it: ``MOTCUA_TWO_FACTOR`` (on by default, production and demo alike) for the account
  kinds in ``MOTCUA_TWO_FACTOR_ROLES`` (``official``: officials; ``admin``: staff and superusers;
  ``citizen``, ``business`` may be added).
- Wrong codes count like wrong passwords: ``MOTCUA_SIGNIN_FAILURE_LIMIT`` of them lock the second
  step for ``MOTCUA_SIGNIN_LOCKOUT_MINUTES``, and the official and the audit log are told
  (``accounts.alerts``). A code is accepted once (django-otp refuses a replayed time step).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts import alerts
from motcua.accounts.models import Passkey, User
from motcua.audit.models import Action
from motcua.audit.services import record
from motcua.core.errors import DomainError, ValidationFailed

RECOVERY_CODES = 10
_APP_DEVICE = "authenticator"
_RECOVERY_DEVICE = "recovery"
# No 0/O, 1/I/L: recovery codes are read off paper.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


class SecondFactorLocked(DomainError):
    code = "second_factor_locked"
    status = 429


def is_verified(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and getattr(user, "is_verified", lambda: False)())


def enrolled_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def is_enrolled(user: User) -> bool:
    return enrolled_device(user) is not None


def pending_device(user: User) -> TOTPDevice:
    """The authenticator being enrolled (not yet confirmed): the same secret until it is confirmed,
    so a page reload does not invalidate the QR code already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False, name=_APP_DEVICE).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_APP_DEVICE, confirmed=False)
    return device


def provisioning_uri(device: TOTPDevice) -> str:
    """``otpauth://`` for the QR code, with the site's name as issuer so the app labels it."""
    from urllib.parse import quote

    issuer = getattr(settings, "SITE_NAME", "motcua")
    label = quote(f"{issuer}:{device.user.get_username()}")
    secret = _base32(device.bin_key)
    return f"otpauth://totp/{label}?secret={secret}&issuer={quote(issuer)}&algorithm=SHA1&digits={device.digits}&period={device.step}"


def secret_text(device: TOTPDevice) -> str:
    """The secret to type when the QR code cannot be scanned, in groups of four."""
    raw = _base32(device.bin_key)
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def _base32(key: bytes) -> str:
    import base64

    return base64.b32encode(key).decode().rstrip("=")


def _wrong_code() -> ValidationFailed:
    return ValidationFailed(
        _("Mã xác thực không đúng hoặc đã hết hạn."), fields={"code": [_("Mã xác thực không đúng.")]}
    )


def _normalised(code: str) -> str:
    return "".join((code or "").split()).replace("-", "").lower()


def refuse_if_locked(device: TOTPDevice) -> None:
    """``MOTCUA_SIGNIN_FAILURE_LIMIT`` wrong codes in a row lock the second step for
    ``MOTCUA_SIGNIN_LOCKOUT_MINUTES`` (the right code included); afterwards the count starts again."""
    if (
        device.throttling_failure_count < settings.AXES_FAILURE_LIMIT
        or device.throttling_failure_timestamp is None
    ):
        return
    until = device.throttling_failure_timestamp + settings.AXES_COOLOFF_TIME
    if until <= timezone.now():
        device.throttle_reset()
        return
    minutes = max(1, int((until - timezone.now()).total_seconds() // 60) + 1)
    raise SecondFactorLocked(
        _("Nhập sai mã xác thực quá nhiều lần; vui lòng thử lại sau %(minutes)s phút.") % {"minutes": minutes}
    )


def _failed(request, device: TOTPDevice, *, counted: bool) -> None:
    """A wrong code. django-otp counts a wrong app code on the device itself (``counted``); a wrong
    recovery code is counted on the same device, so both share one limit."""
    if not counted:
        device.throttle_increment()
    if device.throttling_failure_count == settings.AXES_FAILURE_LIMIT:
        alerts.many_failures(request=request, user=device.user, what="second_factor")


def count_failure(request, device: TOTPDevice) -> None:
    """A wrong answer of another factor (a refused passkey) counts toward the same limit."""
    _failed(request, device, counted=False)


def confirm_enrolment(*, request, code: str) -> list[str]:
    """The official typed the code their app shows for the scanned secret: the app is enrolled,
    the session counts as verified, and ten recovery codes are returned (to show once)."""
    user = request.user
    device = pending_device(user)
    refuse_if_locked(device)
    if not device.verify_token(_normalised(code)):
        _failed(request, device, counted=True)
        raise _wrong_code()
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.throttling_failure_count = 0
        device.save()
        codes = new_recovery_codes(user)
    otp_login(request, device)
    record(
        action=Action.CHANGE,
        user=user,
        object_type="account",
        object_ref=user.get_username(),
        detail={"two_factor": "enrolled"},
    )
    return codes


def new_recovery_codes(user: User) -> list[str]:
    """Ten fresh single-use codes; earlier ones stop working. Stored as Django keeps them (django-otp
    StaticToken); shown to the official once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=_RECOVERY_DEVICE, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = ["".join(secrets.choice(_ALPHABET) for _ in range(10)) for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return [f"{c[:5]}-{c[5:]}" for c in codes]


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=_RECOVERY_DEVICE).count()


@dataclass(frozen=True)
class Verified:
    by_recovery_code: bool
    recovery_codes_left: int


def verify(*, request, code: str) -> Verified:
    """Second step of a sign-in: the app's 6-digit code, or one recovery code (used up)."""
    user = request.user
    device = enrolled_device(user)
    if device is None:
        raise _wrong_code()
    refuse_if_locked(device)
    token = _normalised(code)
    if token.isdigit():
        if device.verify_token(token):
            otp_login(request, device)
            return Verified(False, recovery_codes_left(user))
        _failed(request, device, counted=True)
        raise _wrong_code()
    if _recovery_code_holds(user, token):
        device.throttle_reset()
        otp_login(request, device)
        return Verified(True, recovery_codes_left(user))
    _failed(request, device, counted=False)
    raise _wrong_code()


def _recovery_code_holds(user: User, token: str) -> bool:
    recovery = StaticDevice.objects.filter(user=user, name=_RECOVERY_DEVICE).first()
    return bool(token) and recovery is not None and recovery.verify_token(token)


def verify_for_token(*, request, user: User, code: str) -> bool:
    """The API's sign-in: the password was right; is the code (``otp``) right too?"""
    device = enrolled_device(user)
    if device is None:
        return False
    refuse_if_locked(device)
    token = _normalised(code)
    if token.isdigit():
        if device.verify_token(token):
            return True
        _failed(request, device, counted=True)
        return False
    if _recovery_code_holds(user, token):
        device.throttle_reset()
        return True
    _failed(request, device, counted=False)
    return False


def current_code(user: User) -> str:
    """The code the user's authenticator (enrolled or being enrolled) shows now: for the demo's
    ``two_factor_code`` command only."""
    device = enrolled_device(user) or pending_device(user)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = timezone.now().timestamp()
    # The step after the last one used: the next sign-in is not a replay.
    if device.last_t >= totp.t():
        totp.time += device.step * (device.last_t - totp.t() + 1)
    return f"{totp.token():0{device.digits}d}"


def enrol_for_demo(user: User) -> None:
    """The demo's ``two_factor_code --enrol``: the authenticator being enrolled counts as enrolled,
    so a demo official can take an API token from the command line without a phone."""
    if is_enrolled(user):
        return
    device = pending_device(user)
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record(
        action=Action.CHANGE,
        user=user,
        object_type="account",
        object_ref=user.get_username(),
        detail={"two_factor": "enrolled", "by": "demo command"},
    )


def reset(*, user: User, by: User) -> None:
    """An administrator resets a lost factor: the official enrols again at the next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    Passkey.objects.filter(user=user).delete()
    record(
        action=Action.CHANGE,
        user=by,
        object_type="account",
        object_ref=user.get_username(),
        detail={"two_factor": "reset"},
    )
