"""Signing keys behind a registry of providers: PKCS#12 files and PKCS#11 tokens.

Services open ``with open_signer(key, pin=...) as signer:`` and never know which kind of key
signs; a token session is closed when the block ends.
"""

from __future__ import annotations

import base64
import hashlib
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol

from cryptography import x509
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings
from django.utils.translation import gettext as _
from pyhanko.sign.signers import SimpleSigner
from pyhanko.sign.signers.pdf_cms import Signer

from motcua.core.errors import Forbidden, ValidationFailed
from motcua.core.registry import Registry
from motcua.signing.models import SigningKey


class KeyProvider(Protocol):
    code: str

    def signer(self, key: SigningKey, *, pin: str) -> AbstractContextManager[Signer]: ...


providers = Registry[KeyProvider]("signing keys")


class WrongPin(Forbidden):
    code = "wrong_pin"


@providers.register("pkcs12")
class Pkcs12Provider:
    @contextmanager
    def signer(self, key: SigningKey, *, pin: str):
        try:
            pkcs12.load_key_and_certificates(bytes(key.pkcs12), pin.encode())
        except ValueError:
            raise WrongPin(_("Mã PIN của khóa ký số không đúng.")) from None
        yield SimpleSigner.load_pkcs12_data(bytes(key.pkcs12), other_certs=[], passphrase=pin.encode())


@providers.register("pkcs11")
class Pkcs11Provider:
    """A key on a PKCS#11 token (USB token, HSM) found by token and key labels; the PIN unlocks it."""

    @contextmanager
    def signer(self, key: SigningKey, *, pin: str):
        from pkcs11.exceptions import PinIncorrect, PinLenRange
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

        library = getattr(settings, "PKCS11_LIBRARY", "")
        if not library:
            raise ValidationFailed(_("Chưa cấu hình thư viện PKCS#11 (MOTCUA_PKCS11_LIBRARY)."))
        try:
            session = open_pkcs11_session(
                library, token_criteria=TokenCriteria(label=key.token_label), user_pin=pin
            )
        except (PinIncorrect, PinLenRange):
            raise WrongPin(_("Mã PIN của khóa ký số không đúng.")) from None
        try:
            yield PKCS11Signer(session, key_label=key.key_label, cert_label=key.key_label)
        finally:
            session.close()


def _fernet() -> Fernet:
    digest = hashlib.sha256(("motcua-unattended-pin:" + settings.SECRET_KEY).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal_pin(pin: str) -> bytes:
    return _fernet().encrypt(pin.encode())


def unattended_pin(key: SigningKey) -> str:
    if not key.unattended_pin:
        raise ValidationFailed(_("Khóa này cần người ký nhập mã PIN."))
    try:
        return _fernet().decrypt(bytes(key.unattended_pin)).decode()
    except InvalidToken:
        raise ValidationFailed(
            _("Không giải mã được mã PIN lưu của con dấu (khóa bí mật của hệ thống đã đổi?).")
        ) from None


def open_signer(key: SigningKey, *, pin: str | None = None) -> AbstractContextManager[Signer]:
    """The signer of ``key``, unlocked with ``pin`` (an unattended key's stored PIN when none is given)."""
    return providers.get(key.provider).signer(key, pin=pin if pin is not None else unattended_pin(key))


def describe_certificate(pem: str) -> tuple[str, object]:
    certificate = x509.load_pem_x509_certificate(pem.encode())
    return certificate.subject.rfc4514_string(), certificate.not_valid_after_utc
