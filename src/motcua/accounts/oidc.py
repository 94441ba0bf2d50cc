"""Đăng nhập bằng định danh điện tử: citizens sign in through an OpenID Connect provider (the
national identity, VNeID, through the national public service portal's single sign-on), with
Authlib: authorization code with PKCE (S256), ``state`` and ``nonce``; the ID token's signature
(the provider's JWKS), issuer, audience, expiry and nonce are checked before anything is created.

Configuration (``MOTCUA_OIDC_*``): the issuer (its ``/.well-known/openid-configuration`` is read),
client id and secret, scopes, and which claim holds what (``MOTCUA_OIDC_CLAIMS``, e.g.
``personal_id=personal_id_number,full_name=name``). With ``MOTCUA_OIDC_SANDBOX=1`` and no issuer,
motcua's own sandbox provider (``demo.oidc_provider``) is the issuer.

What an identity means for the accounts (``sign_in``):
- a (issuer, subject) already linked → that account;
- a personal identification number no account has → a new citizen's account, without a password,
  with the provider's data as verified data (``ExternalIdentity.claims``);
- a number a local account already has → linked only when whoever signs in proves the account
  (its password, ``link_with_password``): matching numbers is not proof.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from motcua.accounts.identity import IdentityError, parse_personal_id
from motcua.accounts.models import ExternalIdentity, User
from motcua.accounts.national_data import record_sign_in_fetch
from motcua.audit.models import Action
from motcua.audit.services import record
from motcua.core.errors import DomainError, ValidationFailed

SANDBOX_CLIENT_ID = "motcua-sandbox"
SANDBOX_PATH = "/sandbox/oidc"

DEFAULT_CLAIMS = {
    "personal_id": "personal_id_number",
    "full_name": "name",
    "birth_date": "birthdate",
    "sex": "gender",
    "address": "address.formatted",
    "phone": "phone_number",
    "email": "email",
}


class IdentityRefused(DomainError):
    """The provider's answer was not accepted (forged, expired, replayed, or the user cancelled)."""

    code = "identity_refused"
    status = 400


class LinkRequired(DomainError):
    """A local account holds this number: whoever signs in must prove it before it is linked."""

    code = "link_required"
    status = 409


def sandbox_client_secret() -> str:
    """The sandbox client's secret, derived from the site's key: the sandbox provider and the
    client in the same installation agree on it without any setting."""
    return salted_hmac("motcua.accounts.oidc.sandbox-client", "secret", algorithm="sha256").hexdigest()


@dataclass(frozen=True)
class Provider:
    issuer: str
    client_id: str
    client_secret: str
    scopes: str
    claims: dict[str, str]
    name: str

    @property
    def metadata_url(self) -> str:
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"


def provider() -> Provider | None:
    """The configured provider, the sandbox when only ``MOTCUA_OIDC_SANDBOX`` is on, or None."""
    issuer = settings.OIDC_ISSUER
    client_id, secret = settings.OIDC_CLIENT_ID, settings.OIDC_CLIENT_SECRET
    if not issuer and settings.OIDC_SANDBOX:
        issuer = settings.SITE_URL + SANDBOX_PATH
    if not issuer:
        return None
    if issuer.rstrip("/").endswith(SANDBOX_PATH) and settings.OIDC_SANDBOX and not client_id:
        client_id, secret = SANDBOX_CLIENT_ID, sandbox_client_secret()
    claims = dict(DEFAULT_CLAIMS)
    claims.update(settings.OIDC_CLAIMS)
    return Provider(
        issuer=issuer.rstrip("/"),
        client_id=client_id,
        client_secret=secret,
        scopes=settings.OIDC_SCOPES,
        claims=claims,
        name=settings.OIDC_PROVIDER_NAME,
    )


def client(p: Provider):
    """An Authlib client for the provider (PKCE S256; the ID token checked by Authlib)."""
    from authlib.integrations.django_client import OAuth

    oauth = OAuth()
    return oauth.register(
        name="national_identity",
        client_id=p.client_id,
        client_secret=p.client_secret,
        server_metadata_url=p.metadata_url,
        client_kwargs={"scope": p.scopes, "code_challenge_method": "S256", "timeout": 10},
    )


def _claim(claims: dict, path: str):
    value = claims
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


@dataclass(frozen=True)
class VerifiedPerson:
    """What the provider vouches for, in motcua's words."""

    issuer: str
    subject: str
    personal_id: str
    full_name: str
    birth_date: date | None
    male: bool | None
    address: str
    phone: str
    email: str

    def as_claims(self) -> dict:
        return {
            "personal_id": self.personal_id,
            "full_name": self.full_name,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "sex": None if self.male is None else ("male" if self.male else "female"),
            "address": self.address,
            "phone": self.phone,
            "email": self.email,
        }


def person_from(p: Provider, claims: dict) -> VerifiedPerson:
    """Map the ID token's claims; a missing or invalid personal identification number is refused."""
    number = str(_claim(claims, p.claims["personal_id"]) or "").strip()
    raw_birth = _claim(claims, p.claims["birth_date"])
    birth = None
    if raw_birth:
        try:
            birth = date.fromisoformat(str(raw_birth))
        except ValueError:
            birth = None
    sex = str(_claim(claims, p.claims["sex"]) or "").lower()
    male = True if sex in ("male", "nam", "m") else False if sex in ("female", "nu", "nữ", "f") else None
    try:
        number = parse_personal_id(number, birth_date=birth, male=male).number
    except IdentityError as exc:
        raise IdentityRefused(
            _("Nhà cung cấp định danh không gửi số định danh cá nhân hợp lệ: %(reason)s") % {"reason": exc}
        ) from exc
    return VerifiedPerson(
        issuer=p.issuer,
        subject=str(claims.get("sub") or ""),
        personal_id=number,
        full_name=str(_claim(claims, p.claims["full_name"]) or "")[:255],
        birth_date=birth,
        male=male,
        address=str(_claim(claims, p.claims["address"]) or "")[:255],
        phone=str(_claim(claims, p.claims["phone"]) or "")[:20],
        email=str(_claim(claims, p.claims["email"]) or "")[:254],
    )


def _remember(user: User, person: VerifiedPerson) -> ExternalIdentity:
    claims = person.as_claims()
    identity, _created = ExternalIdentity.objects.update_or_create(
        issuer=person.issuer,
        subject=person.subject,
        defaults={"user": user, "claims": claims, "verified_at": timezone.now()},
    )
    # The provider's consent screen listed these data: one fetch, recorded (Decree 13/2023).
    record_sign_in_fetch(user=user, fields=[k for k, v in claims.items() if v])
    return identity


@transaction.atomic
def sign_in(*, person: VerifiedPerson) -> User:
    """The account this verified person signs in to (created on the first sign-in), or
    ``LinkRequired`` when a local account holds the number and has not been linked yet."""
    linked = (
        ExternalIdentity.objects.select_related("user")
        .filter(issuer=person.issuer, subject=person.subject)
        .first()
    )
    if linked is not None:
        if linked.user.personal_id != person.personal_id:
            raise IdentityRefused(
                _("Tài khoản liên kết không khớp số định danh; vui lòng liên hệ quản trị hệ thống.")
            )
        _remember(linked.user, person)
        return linked.user
    existing = User.objects.filter(personal_id=person.personal_id).first()
    if existing is not None:
        raise LinkRequired(
            _(
                "Đã có tài khoản với số định danh này. Nhập mật khẩu của tài khoản đó một lần để liên kết "
                "với định danh điện tử."
            )
        )
    user = User(
        username=person.personal_id,
        kind=User.Kind.CITIZEN,
        personal_id=person.personal_id,
        full_name=person.full_name,
        birth_date=person.birth_date,
        is_male=person.male,
        address=person.address,
        phone=person.phone,
        email=person.email,
    )
    user.set_unusable_password()
    user.save()
    _remember(user, person)
    record(
        action=Action.CHANGE,
        user=user,
        object_type="account",
        object_ref=user.get_username(),
        detail={"account": "created", "via": "national_identity", "issuer": person.issuer},
    )
    return user


@transaction.atomic
def link_with_password(*, request, person: VerifiedPerson, password: str) -> User:
    """Link the national identity to the local account with the same number, proven by its password
    (the sign-in lockout counts wrong passwords here too)."""
    existing = User.objects.filter(personal_id=person.personal_id).first()
    if existing is None:
        return sign_in(person=person)
    user = authenticate(request, username=existing.username, password=password)
    if user is None or user.pk != existing.pk:
        raise ValidationFailed(
            _("Mật khẩu không đúng; tài khoản chưa được liên kết."),
            fields={"password": [_("Mật khẩu không đúng.")]},
        )
    _remember(user, person)
    record(
        action=Action.CHANGE,
        user=user,
        object_type="account",
        object_ref=user.get_username(),
        detail={"account": "linked", "via": "national_identity", "issuer": person.issuer},
    )
    return user


def verified_data(user: User) -> tuple[dict, ExternalIdentity] | tuple[None, None]:
    """The data the national identity vouched for at the last sign-in (for prefill without a call)."""
    identity = ExternalIdentity.objects.filter(user=user).order_by("-verified_at").first()
    return (identity.claims, identity) if identity else (None, None)
