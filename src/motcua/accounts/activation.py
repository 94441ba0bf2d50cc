"""Kích hoạt tài khoản: an applicant registered at the counter sets their first password, with a second factor.

Holding the receipt (its QR token) and typing the number printed on it proves
nothing: a finder of a lost receipt has both. So activation also needs

- a one-time code (6 digits, ``ACTIVATION_CODE_MINUTES``) sent to the phone or
  e-mail given at the counter, or, where none was given,
- the activation code printed on the applicant's receipt (``XXXX-XXXX``) with
  the applicant's birth date, which the receipt does not show.

An activation opens when the counter creates the account and expires after
``ACTIVATION_DAYS``; ``ACTIVATION_MAX_ATTEMPTS`` wrong tries lock it, and so
do as many codes sent; the counter (admin → Kích hoạt tài khoản) opens a new one.
Every refusal says the same words, so no answer tells whether the number
matched, an account exists, a code was sent, or the activation is locked.
Sending the code is the caller's job (``integration.activation``): accounts sit
below the notification providers.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from motcua.accounts.models import Activation, User
from motcua.core.errors import ValidationFailed

# No 0/O, 1/I/L: the code is read off paper and typed on a phone.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_PRINTED_SALT = "motcua.accounts.activation.printed"
_CODE_SALT = "motcua.accounts.activation.code"
# A new one-time code at most this often (a double click, an impatient visitor).
RESEND_SECONDS = 60


@dataclass(frozen=True)
class CodeDelivery:
    """A one-time code to send: by ``channel`` ("sms" or "email") to ``address``."""

    channel: str
    address: str
    code: str
    minutes: int


@dataclass(frozen=True)
class ActivationNotice:
    """What the receipt tells the applicant about activating their account."""

    by_code_sent_to: str  # "sms", "email", or "" when the printed code is the factor
    printed_code: str  # only when no phone or e-mail was given (citizens)
    expires_at: datetime


def refused_message() -> str:
    return _(
        "Không kích hoạt được: thông tin chưa khớp, mã đã hết hạn, hoặc đã nhập sai quá số lần cho phép. "
        "Vui lòng kiểm tra lại; nếu vẫn không được, mang căn cước (hoặc giấy tờ của tổ chức) tới bộ phận "
        "một cửa để được cấp mã mới."
    )


def _refused() -> ValidationFailed:
    return ValidationFailed(_("Không kích hoạt được tài khoản."), fields={"code": [refused_message()]})


def _now(at: datetime | None) -> datetime:
    return at or timezone.now()


def _pending(user: User) -> bool:
    return user.is_applicant and user.is_active and not user.has_usable_password()


def open_activation(*, user: User, at: datetime | None = None) -> Activation:
    """Open (or open again, with a new printed code) the activation of an account without a password."""
    start = _now(at)
    activation, _created = Activation.objects.update_or_create(
        user=user,
        defaults={
            "secret": secrets.token_hex(16),
            "created_at": start,
            "expires_at": start + timedelta(days=settings.ACTIVATION_DAYS),
            "failed_attempts": 0,
            "codes_sent": 0,
            "code_digest": "",
            "code_sent_at": None,
            "code_expires_at": None,
            "activated_at": None,
        },
    )
    return activation


def activation_of(user: User, *, at: datetime | None = None) -> Activation | None:
    """The open activation of an account still without a password (opened now for accounts older than this)."""
    if not _pending(user):
        return None
    activation = Activation.objects.filter(user=user).first()
    return activation if activation is not None else open_activation(user=user, at=at)


def printed_code(activation: Activation) -> str:
    """The activation code printed on the receipt: ``XXXX-XXXX``, derived, never stored."""
    digest = salted_hmac(_PRINTED_SALT, f"{activation.user_id}:{activation.secret}").digest()
    letters = "".join(_ALPHABET[byte % len(_ALPHABET)] for byte in digest[:8])
    return f"{letters[:4]}-{letters[4:]}"


def _contact(user: User) -> tuple[str, str]:
    if user.phone.strip():
        return "sms", user.phone.strip()
    if user.email.strip():
        return "email", user.email.strip()
    return "", ""


def activation_notice(user: User, *, at: datetime | None = None) -> ActivationNotice | None:
    """For the receipt: how this applicant activates their account (None when there is nothing to do)."""
    activation = activation_of(user, at=at)
    if activation is None or activation.expires_at <= _now(at):
        return None
    channel, _address = _contact(user)
    if not channel and user.kind != User.Kind.CITIZEN:
        return ActivationNotice(by_code_sent_to="", printed_code="", expires_at=activation.expires_at)
    return ActivationNotice(
        by_code_sent_to=channel,
        printed_code="" if channel else printed_code(activation),
        expires_at=activation.expires_at,
    )


def _normalised(identifier: str) -> str:
    return "".join((identifier or "").split())


def _usable(activation: Activation | None, now: datetime) -> bool:
    return (
        activation is not None
        and activation.activated_at is None
        and activation.expires_at > now
        and activation.failed_attempts < settings.ACTIVATION_MAX_ATTEMPTS
    )


def _code_digest(activation: Activation, code: str) -> str:
    return salted_hmac(_CODE_SALT, f"{activation.pk}:{activation.secret}:{code}").hexdigest()


@transaction.atomic
def request_code(*, applicant: User, identifier: str, at: datetime | None = None) -> CodeDelivery | None:
    """A one-time code for the phone or e-mail given at the counter, if the number typed is the applicant's.

    None when nothing is to be sent (another number, no contact, expired, locked, asked again too soon);
    the caller answers the same words either way.
    """
    now = _now(at)
    user = User.objects.select_for_update().get(pk=applicant.pk)
    if _normalised(identifier) != user.username or not _pending(user):
        return None
    activation = activation_of(user, at=now)
    channel, address = _contact(user)
    if not channel or not _usable(activation, now):
        return None
    if activation.code_sent_at and (now - activation.code_sent_at).total_seconds() < RESEND_SECONDS:
        return None
    if activation.codes_sent >= settings.ACTIVATION_MAX_ATTEMPTS:
        return None
    code = f"{secrets.randbelow(10**6):06d}"
    activation.code_digest = _code_digest(activation, code)
    activation.code_sent_at = now
    activation.code_expires_at = now + timedelta(minutes=settings.ACTIVATION_CODE_MINUTES)
    activation.codes_sent += 1
    activation.save(update_fields=["code_digest", "code_sent_at", "code_expires_at", "codes_sent"])
    return CodeDelivery(channel=channel, address=address, code=code, minutes=settings.ACTIVATION_CODE_MINUTES)


def _second_factor_holds(user: User, activation: Activation, code: str, birth_date: date | None, now) -> bool:
    typed = _normalised(code).upper().replace("-", "")
    channel, _address = _contact(user)
    if channel:
        return bool(
            activation.code_digest
            and activation.code_expires_at
            and activation.code_expires_at > now
            and hmac.compare_digest(activation.code_digest, _code_digest(activation, typed))
        )
    if user.kind != User.Kind.CITIZEN or user.birth_date is None or birth_date is None:
        return False
    printed = printed_code(activation).replace("-", "")
    return hmac.compare_digest(printed, typed) and user.birth_date == birth_date


def activate_counter_account(
    *,
    applicant: User,
    identifier: str,
    code: str,
    password: str,
    birth_date: date | None = None,
    at: datetime | None = None,
) -> User:
    """Give a password to an account created at the counter, once both factors hold.

    The caller proves possession of the receipt (its QR code names the dossier whose
    applicant is ``applicant``); the number typed must be the applicant's, and the
    one-time code (or the printed code with the birth date) must hold. An account that
    already has a password is never taken over this way. A wrong try counts against
    the activation in its own transaction, so it stays counted when the refusal is raised.
    """
    now = _now(at)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=applicant.pk)
        matches = _normalised(identifier) == user.username and _pending(user)
        activation = activation_of(user, at=now) if matches else None
        if activation is not None:
            activation = Activation.objects.select_for_update().get(pk=activation.pk)
        holds = _usable(activation, now) and _second_factor_holds(user, activation, code, birth_date, now)
        if not holds:
            if activation is not None:
                activation.failed_attempts += 1
                activation.save(update_fields=["failed_attempts"])
            failed = True
        else:
            failed = False
            if not password:
                raise ValidationFailed(fields={"password": [_("Cần nhập mật khẩu.")]})
            try:
                validate_password(password, user)
            except ValidationError as exc:
                raise ValidationFailed(fields={"password": list(exc.messages)}) from None
            user.set_password(password)
            user.save(update_fields=["password"])
            activation.activated_at = now
            activation.code_digest = ""
            activation.save(update_fields=["activated_at", "code_digest"])
    if failed:
        raise _refused()
    return user
