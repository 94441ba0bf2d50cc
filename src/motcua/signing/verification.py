"""Checking the signatures of a PDF: is each one intact, made with a certificate we trust,
and does the last one cover the whole file (nothing added after signing)?"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext


@dataclass(frozen=True)
class SignatureCheck:
    field: str
    signer: str
    organisation: str
    signed_at: datetime | None
    intact: bool
    trusted: bool
    covers_whole_file: bool
    timestamped: bool
    problem: str = ""

    @property
    def valid(self) -> bool:
        return self.intact and self.trusted


@dataclass(frozen=True)
class PdfCheck:
    readable: bool
    signatures: list[SignatureCheck] = field(default_factory=list)
    problem: str = ""

    @property
    def valid(self) -> bool:
        """Every signature intact and trusted, and the last one covers the whole file."""
        return (
            self.readable
            and bool(self.signatures)
            and all(s.valid for s in self.signatures)
            and self.signatures[-1].covers_whole_file
        )


def _subject(cert: asn1_x509.Certificate, key: str) -> str:
    return cert.subject.native.get(key, "") if cert is not None else ""


def check_pdf(pdf: bytes, *, trust_roots: list[bytes]) -> PdfCheck:
    """Validate every signature of ``pdf`` against ``trust_roots`` (PEM or DER certificates)."""
    roots = []
    for root in trust_roots:
        if root.lstrip().startswith(b"-----BEGIN"):
            from asn1crypto import pem

            _type, _headers, root = pem.unarmor(root)
        roots.append(asn1_x509.Certificate.load(root))
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:  # noqa: BLE001 - any parse failure means "not a readable signed PDF"
        return PdfCheck(readable=False, problem=f"{type(exc).__name__}: {exc}"[:200])
    checks = []
    for signature in embedded:
        context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
        try:
            status = validate_pdf_signature(signature, context)
        except Exception as exc:  # noqa: BLE001 - a damaged signature is an invalid one, whatever broke
            checks.append(
                SignatureCheck(
                    field=signature.field_name or "",
                    signer="",
                    organisation="",
                    signed_at=None,
                    intact=False,
                    trusted=False,
                    covers_whole_file=False,
                    timestamped=False,
                    problem=str(exc)[:200],
                )
            )
            continue
        cert = status.signing_cert
        checks.append(
            SignatureCheck(
                field=signature.field_name or "",
                signer=_subject(cert, "common_name"),
                organisation=_subject(cert, "organization_name"),
                signed_at=status.timestamp_validity.timestamp
                if status.timestamp_validity
                else status.signer_reported_dt,
                intact=bool(status.intact and status.valid),
                trusted=bool(status.trusted),
                covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
                timestamped=status.timestamp_validity is not None,
            )
        )
    return PdfCheck(readable=True, signatures=checks)
