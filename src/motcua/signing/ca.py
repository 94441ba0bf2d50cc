"""A certificate authority for the demo and the tests: a root, then signing certificates for
officials (leaders sign results) and organisation-seal certificates for agencies.

Real deployments use certificates from a licensed Vietnamese CA (or the government's
specialised CA) on USB tokens or HSMs; these are written in exactly the shape such
certificates have (RSA 2048, digitalSignature + nonRepudiation, SHA-256), so the rest of the
system cannot tell the difference — only a verifier trusting this demo root will.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

KEY_SIZE = 2048


@dataclass(frozen=True)
class Authority:
    certificate: x509.Certificate
    key: rsa.RSAPrivateKey

    @property
    def pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)


def _name(common_name: str, organisation: str, unit: str | None = None) -> x509.Name:
    parts = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
    ]
    if unit:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(parts)


def create_root(
    *, name: str = "motcua Demo Root CA", organisation: str = "motcua demo", years: int = 20
) -> Authority:
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    subject = _name(name, organisation)
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Authority(certificate, key)


def issue_signing_certificate(
    authority: Authority, *, common_name: str, organisation: str, unit: str | None = None, years: int = 3
) -> tuple[x509.Certificate, rsa.RSAPrivateKey]:
    """A document-signing certificate (a person's, or an organisation's seal)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, organisation, unit))
        .issuer_name(authority.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(authority.key.public_key()), critical=False
        )
        .sign(authority.key, hashes.SHA256())
    )
    return certificate, key


def pkcs12_bytes(certificate, key, authority: Authority, *, passphrase: str, friendly_name: str) -> bytes:
    return pkcs12.serialize_key_and_certificates(
        friendly_name.encode(),
        key,
        certificate,
        [authority.certificate],
        serialization.BestAvailableEncryption(passphrase.encode()),
    )


def save_authority(authority: Authority, folder: Path, *, passphrase: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "root-ca.pem").write_bytes(authority.pem)
    key_path = folder / "root-ca.key"
    key_path.write_bytes(
        authority.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(passphrase.encode()),
        )
    )
    key_path.chmod(0o600)


def load_authority(folder: Path, *, passphrase: str) -> Authority:
    certificate = x509.load_pem_x509_certificate((folder / "root-ca.pem").read_bytes())
    key = serialization.load_pem_private_key((folder / "root-ca.key").read_bytes(), passphrase.encode())
    return Authority(certificate, key)
