"""Signing with a key that never leaves its token: PKCS#11, as officials sign with USB tokens.

SoftHSM2 is a real PKCS#11 module (the same interface a USB token's driver or an HSM offers),
so the system is driven exactly as it would drive one.
"""

import os
import shutil
import subprocess

import pytest
from conftest import require_service
from cryptography.hazmat.primitives import serialization

from motcua.dossiers.states import Status
from motcua.signing import ca
from motcua.signing.keys import WrongPin
from motcua.signing.services import register_pkcs11_key, sign_result
from motcua.signing.verification import check_pdf
from motcua_testing.dossiers import dossier_in
from motcua_testing.signing import authority, draft_document, result_template_for

pytestmark = pytest.mark.django_db
MODULE = "/usr/lib/softhsm/libsofthsm2.so"
TOKEN_PIN = "246810"


@pytest.fixture(scope="session")
def token(tmp_path_factory):
    """A fresh SoftHSM token holding a leader's key and certificate from the test CA."""
    require_service(
        "SoftHSM2",
        os.path.exists(MODULE) and shutil.which("softhsm2-util") is not None,
        "apt-get install softhsm2",
    )
    require_service("pkcs11-tool", shutil.which("pkcs11-tool") is not None, "apt-get install opensc")
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    config = folder / "softhsm2.conf"
    config.write_text(
        f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    os.environ["SOFTHSM2_CONF"] = str(config)
    subprocess.run(
        [
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            "lanh-dao",
            "--so-pin",
            "13572468",
            "--pin",
            TOKEN_PIN,
        ],
        check=True,
        capture_output=True,
    )
    certificate, key = ca.issue_signing_certificate(
        authority(), common_name="Trần Văn Token", organisation="Sở Tư pháp"
    )
    (folder / "key.der").write_bytes(
        key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    (folder / "cert.der").write_bytes(certificate.public_bytes(serialization.Encoding.DER))
    for path, kind in (("key.der", "privkey"), ("cert.der", "cert")):
        subprocess.run(
            [
                "pkcs11-tool",
                "--module",
                MODULE,
                "--token-label",
                "lanh-dao",
                "--login",
                "--pin",
                TOKEN_PIN,
                "--write-object",
                str(folder / path),
                "--type",
                kind,
                "--id",
                "01",
                "--label",
                "ky-so",
            ],
            check=True,
            capture_output=True,
        )
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


@pytest.fixture
def token_key(world, token, settings):
    settings.PKCS11_LIBRARY = MODULE
    return register_pkcs11_key(
        official=world.leader, token_label="lanh-dao", key_label="ky-so", certificate_pem=token
    )


def test_a_leader_signs_with_a_key_on_a_pkcs11_token(world, token_key, unsigned_pdf):
    document = draft_document(
        dossier_in(world, Status.PROCESSING),
        result_template_for(world.procedure, needs_seal=False),
        unsigned_pdf,
    )
    signed = sign_result(document=document, by=world.leader.user, pin=TOKEN_PIN)
    check = check_pdf(signed.signed_pdf.read(), trust_roots=[authority().pem])
    assert check.valid
    assert check.signatures[0].signer == "Trần Văn Token"


def test_a_wrong_token_pin_is_refused(world, token_key, unsigned_pdf):
    document = draft_document(
        dossier_in(world, Status.PROCESSING),
        result_template_for(world.procedure, needs_seal=False),
        unsigned_pdf,
    )
    with pytest.raises(WrongPin):
        sign_result(document=document, by=world.leader.user, pin="111111")
