"""Quên mật khẩu, xác minh địa chỉ liên hệ: one-time codes sent to an e-mail address or phone.

- Reset: whoever types an account's identifier gets a 6-digit code sent to the account's
  *verified* e-mail (or phone), valid ``MOTCUA_RECOVERY_CODE_MINUTES``; with it, a new password.
  Every answer reads the same whether or not the account exists, has a verified address, or was
  sent a code (``None`` here; the page says the same words). A code is sent at most once a minute
  and ``MOTCUA_RECOVERY_CODES_PER_HOUR`` times an hour per account; ``MOTCUA_SIGNIN_FAILURE_LIMIT``
  wrong tries use a code up.
- Verification: the signed-in owner asks for a code to the address on the account and types it;
  the address is then verified (``VerifiedContact``), until it changes.

Sending is the caller's job (``integration.one_time_codes``): accounts sit below the notification
providers.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from motcua.accounts.activation import CodeDelivery
from motcua.accounts.models import OneTimeCode, User, VerifiedContact
from motcua.audit.models import Action
from motcua.audit.services import record
from motcua.core.errors import ValidationFailed

RESEND_SECONDS = 60
_SALT = "motcua.accounts.recovery"


def _digest(row_id: int, code: str) -> str:
    return salted_hmac(_SALT, f"{row_id}:{code}", algorithm="sha256").hexdigest()


def _address(user: User, channel: str) -> str:
    return (user.email if channel == VerifiedContact.Channel.EMAIL else user.phone).strip()


def is_verified(user: User, channel: str) -> bool:
    address = _address(user, channel)
    return (
        bool(address) and VerifiedContact.objects.filter(user=user, channel=channel, address=address).exists()
    )


def verified_channels(user: User) -> set[str]:
    return {c for c in VerifiedContact.Channel.values if is_verified(user, c)}


def _issue(user: User, *, purpose: str, channel: str, address: str, now) -> CodeDelivery | None:
    recent = OneTimeCode.objects.filter(user=user, created_at__gte=now - timedelta(hours=1))
    last = recent.order_by("-created_at").first()
    if last is not None and (now - last.created_at).total_seconds() < RESEND_SECONDS:
        return None
    if recent.count() >= settings.RECOVERY_CODES_PER_HOUR:
        return None
    minutes = settings.RECOVERY_CODE_MINUTES
    OneTimeCode.objects.filter(user=user, purpose=purpose, used_at__isnull=True).update(used_at=now)
    code = f"{secrets.randbelow(10**6):06d}"
    row = OneTimeCode.objects.create(
        user=user,
        purpose=purpose,
        channel=channel,
        address=address,
        digest="",
        created_at=now,
        expires_at=now + timedelta(minutes=minutes),
    )
    row.digest = _digest(row.pk, code)
    row.save(update_fields=["digest"])
    return CodeDelivery(channel=channel, address=address, code=code, minutes=minutes)


def _holds(user: User, *, purpose: str, code: str, now) -> OneTimeCode | None:
    """The live code of this purpose, if ``code`` is it; a wrong try is counted (and kept counted)."""
    row = (
        OneTimeCode.objects.select_for_update()
        .filter(user=user, purpose=purpose, used_at__isnull=True, expires_at__gt=now)
        .order_by("-created_at")
        .first()
    )
    if row is None or row.failed_attempts >= settings.AXES_FAILURE_LIMIT:
        return None
    typed = "".join((code or "").split())
    if hmac.compare_digest(row.digest, _digest(row.pk, typed)):
        return row
    row.failed_attempts += 1
    row.save(update_fields=["failed_attempts"])
    return None


def _account(identifier: str) -> User | None:
    typed = "".join((identifier or "").split())
    if not typed:
        return None
    return User.objects.filter(username=typed, is_active=True).first()


@transaction.atomic
def request_reset(*, identifier: str, at=None) -> CodeDelivery | None:
    """A reset code for the account with this identifier, to its verified e-mail (else phone)."""
    now = at or timezone.now()
    user = _account(identifier)
    if user is None:
        return None
    User.objects.select_for_update().filter(pk=user.pk).first()
    for channel in (VerifiedContact.Channel.EMAIL, VerifiedContact.Channel.SMS):
        if is_verified(user, channel):
            return _issue(
                user,
                purpose=OneTimeCode.Purpose.RESET,
                channel=channel,
                address=_address(user, channel),
                now=now,
            )
    return None


def refused_message() -> str:
    return _("Mã xác nhận không đúng, đã hết hạn hoặc đã dùng; vui lòng yêu cầu mã mới.")


def reset_password(*, identifier: str, code: str, password: str, at=None) -> User:
    """Set a new password with the code sent; every API token and session of the account ends."""
    now = at or timezone.now()
    with transaction.atomic():
        user = _account(identifier)
        row = _holds(user, purpose=OneTimeCode.Purpose.RESET, code=code, now=now) if user else None
        if row is not None:
            try:
                validate_password(password, user)
            except ValidationError as exc:
                raise ValidationFailed(fields={"password": list(exc.messages)}) from None
            row.used_at = now
            row.save(update_fields=["used_at"])
            user.set_password(password)
            user.save(update_fields=["password"])
            record(
                action=Action.CHANGE,
                user=user,
                object_type="account",
                object_ref=user.get_username(),
                detail={"password": "reset", "by": row.channel},
            )
            return user
    raise ValidationFailed(refused_message(), fields={"code": [refused_message()]})


@transaction.atomic
def request_verification(*, user: User, channel: str, at=None) -> CodeDelivery:
    """A code to the address on the account, to prove it is the owner's."""
    now = at or timezone.now()
    address = _address(user, channel)
    if not address:
        raise ValidationFailed(_("Chưa có địa chỉ này trong tài khoản."), fields={channel: [_("Chưa có.")]})
    delivery = _issue(user, purpose=OneTimeCode.Purpose.VERIFY, channel=channel, address=address, now=now)
    if delivery is None:
        raise ValidationFailed(_("Mã vừa được gửi; vui lòng đợi một phút rồi yêu cầu lại."))
    return delivery


def confirm_verification(*, user: User, code: str, at=None) -> VerifiedContact:
    now = at or timezone.now()
    with transaction.atomic():
        row = _holds(user, purpose=OneTimeCode.Purpose.VERIFY, code=code, now=now)
        if row is not None and row.address == _address(user, row.channel):
            row.used_at = now
            row.save(update_fields=["used_at"])
            contact, _created = VerifiedContact.objects.update_or_create(
                user=user, channel=row.channel, defaults={"address": row.address, "verified_at": now}
            )
            return contact
    raise ValidationFailed(refused_message(), fields={"code": [refused_message()]})


def change_password(*, user: User, old_password: str, new_password: str) -> User:
    """The owner changes the password (the old one proves it); tokens and other sessions end."""
    errors: dict[str, list[str]] = {}
    if not user.has_usable_password() or not user.check_password(old_password):
        errors["old_password"] = [_("Mật khẩu hiện tại không đúng.")]
    else:
        try:
            validate_password(new_password, user)
        except ValidationError as exc:
            errors["new_password"] = list(exc.messages)
    if errors:
        raise ValidationFailed(_("Chưa đổi được mật khẩu."), fields=errors)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    record(
        action=Action.CHANGE,
        user=user,
        object_type="account",
        object_ref=user.get_username(),
        detail={"password": "changed"},
    )
    return user
