"""Applicant registration, and erasure of an applicant's account (Decree 13/2023)."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.activation import open_activation
from motcua.accounts.identity import IdentityError, parse_personal_id, parse_tax_code
from motcua.accounts.models import User
from motcua.accounts.tokens import revoke_all_tokens
from motcua.core.errors import ValidationFailed


def _saved_with_password(user: User, password: str | None) -> User:
    """Save a new account; without a password (an applicant registered at the counter) it cannot sign in yet."""
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationFailed(fields={"password": list(exc.messages)}) from None
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    if not password:
        # Registered at the counter: the applicant activates the account later, with a second factor.
        open_activation(user=user)
    return user


@transaction.atomic
def register_citizen(
    *,
    personal_id: str,
    full_name: str,
    birth_date: date,
    is_male: bool | None = None,
    password: str | None = None,
    phone: str = "",
    email: str = "",
    address: str = "",
) -> User:
    """A citizen's local account, identified by their personal identification number."""
    try:
        parsed = parse_personal_id(personal_id, birth_date=birth_date, male=is_male)
    except IdentityError as exc:
        raise ValidationFailed(fields={"personal_id": [str(exc)]}) from None
    if not full_name.strip():
        raise ValidationFailed(fields={"full_name": [_("Cần nhập họ và tên.")]})
    if User.objects.filter(username=parsed.number).exists():
        raise ValidationFailed(fields={"personal_id": [_("Số định danh này đã có tài khoản.")]})
    user = User(
        username=parsed.number,
        personal_id=parsed.number,
        kind=User.Kind.CITIZEN,
        full_name=full_name.strip(),
        birth_date=birth_date,
        is_male=parsed.male,
        phone=phone,
        email=email,
        address=address,
    )
    return _saved_with_password(user, password)


@transaction.atomic
def register_business(
    *,
    tax_code: str,
    name: str,
    password: str | None = None,
    phone: str = "",
    email: str = "",
    address: str = "",
) -> User:
    """An organisation's local account, identified by its tax code."""
    try:
        normalised = parse_tax_code(tax_code)
    except IdentityError as exc:
        raise ValidationFailed(fields={"tax_code": [str(exc)]}) from None
    if not name.strip():
        raise ValidationFailed(fields={"name": [_("Cần nhập tên tổ chức.")]})
    if User.objects.filter(username=normalised).exists():
        raise ValidationFailed(fields={"tax_code": [_("Mã số thuế này đã có tài khoản.")]})
    user = User(
        username=normalised,
        tax_code=normalised,
        kind=User.Kind.BUSINESS,
        full_name=name.strip(),
        phone=phone,
        email=email,
        address=address,
    )
    return _saved_with_password(user, password)


def erase_account(user: User) -> None:
    """Wipe an applicant's personal data from the account and close it: no sign-in, no API token.

    The username becomes ``da-xoa-<id>`` so the person can register again with their identity
    number. The caller (``privacy``) checks who may ask and records the request.
    """
    with transaction.atomic():
        user.full_name = _("Đã xóa theo yêu cầu")
        user.personal_id = None
        user.tax_code = None
        user.birth_date = None
        user.is_male = None
        user.phone = ""
        user.email = ""
        user.address = ""
        user.username = f"da-xoa-{user.pk}"
        user.is_active = False
        user.set_unusable_password()
        user.save()
        revoke_all_tokens(user)
        # What the national identity vouched for, and the browsers remembered, go too.
        user.external_identities.all().delete()
        user.known_devices.all().delete()
        user.verified_contacts.all().delete()
        user.one_time_codes.all().delete()
