"""An independent check: poppler's pdfsig (NSS) validates the signatures the system makes."""

import shutil
import subprocess

import pytest
from conftest import require_service

from motcua.dossiers.states import Status
from motcua.signing import ca
from motcua.signing.services import sign_result
from motcua_testing.dossiers import dossier_in
from motcua_testing.signing import (
    PIN,
    authority,
    draft_document,
    give_agency_a_seal,
    give_leader_a_key,
    result_template_for,
)

pytestmark = pytest.mark.django_db


def pdfsig(pdf: bytes, tmp_path, *, trusting: bytes) -> str:
    require_service("pdfsig", shutil.which("pdfsig") is not None, "apt-get install poppler-utils")
    require_service("certutil", shutil.which("certutil") is not None, "apt-get install libnss3-tools")
    nss = tmp_path / "nss"
    nss.mkdir()
    (tmp_path / "root.pem").write_bytes(trusting)
    subprocess.run(["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"], check=True)
    subprocess.run(
        ["certutil", "-A", "-d", f"sql:{nss}", "-n", "root", "-t", "C,C,C", "-i", str(tmp_path / "root.pem")],
        check=True,
    )
    (tmp_path / "result.pdf").write_bytes(pdf)
    completed = subprocess.run(
        ["pdfsig", "-nssdir", f"sql:{nss}", str(tmp_path / "result.pdf")], capture_output=True
    )
    return completed.stdout.decode()


@pytest.fixture
def signed_pdf(world, unsigned_pdf) -> bytes:
    give_leader_a_key(world)
    give_agency_a_seal(world.justice)
    document = draft_document(
        dossier_in(world, Status.PROCESSING), result_template_for(world.procedure), unsigned_pdf
    )
    return sign_result(document=document, by=world.leader.user, pin=PIN).signed_pdf.read()


def test_pdfsig_finds_both_signatures_valid_and_trusted(signed_pdf, tmp_path):
    report = pdfsig(signed_pdf, tmp_path, trusting=authority().pem)
    assert report.count("Signature Validation: Signature is Valid.") == 2
    assert report.count("Certificate Validation: Certificate is Trusted.") == 2
    assert "Signature Type: ETSI.CAdES.detached" in report  # PAdES
    assert report.rstrip().count("Total document signed") == 1  # the seal covers everything


def test_pdfsig_detects_a_one_byte_change(signed_pdf, tmp_path):
    tampered = bytearray(signed_pdf)
    position = signed_pdf.index(b"stream", len(signed_pdf) // 4) + 20  # inside the content, not the signature
    tampered[position] ^= 0x01
    report = pdfsig(bytes(tampered), tmp_path, trusting=authority().pem)
    assert "Signature is Valid." not in report.split("Signature #2")[0]


def test_pdfsig_does_not_trust_a_signature_from_an_unknown_authority(signed_pdf, tmp_path):
    stranger = ca.create_root(name="Some Other CA")
    report = pdfsig(signed_pdf, tmp_path, trusting=stranger.pem)
    assert "Certificate is Trusted." not in report
