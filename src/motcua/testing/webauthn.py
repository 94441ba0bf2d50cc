"""A software WebAuthn authenticator for page tests through Django's client (the browser tests use
Chromium's virtual authenticator instead): a real P-256 key that signs assertions as a security key
does, so the server's checks (challenge, origin, signature, counter) run on real signatures."""

from __future__ import annotations

import hashlib
import json
import os
import struct

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from fido2.cose import ES256
from fido2.utils import websafe_encode
from fido2.webauthn import AttestedCredentialData

from motcua.accounts.models import Passkey


class SoftKey:
    def __init__(self, rp_id: str = "testserver"):
        self.private = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(16)
        self.rp_id = rp_id
        self.counter = 0

    def credential_data(self) -> bytes:
        public = ES256.from_cryptography_key(self.private.public_key())
        return bytes(AttestedCredentialData.create(b"\0" * 16, self.credential_id, public))

    def enrol(self, user, *, name: str = "Khóa thử", when=None) -> Passkey:
        """As if added through the page (the page's own flow is tested in Chromium)."""
        from django.utils import timezone

        return Passkey.objects.create(
            user=user,
            name=name,
            confirmed=True,
            credential_id=websafe_encode(self.credential_id),
            credential_data=self.credential_data(),
            sign_count=self.counter,
            created_at=when or timezone.now(),
        )

    def assertion(
        self, options: dict, *, origin: str = "http://testserver", counter: int | None = None
    ) -> str:
        """The JSON a browser posts for ``navigator.credentials.get(options)`` answered by this key."""
        if counter is None:
            self.counter += 1
            counter = self.counter
        client_data = json.dumps(
            {"type": "webauthn.get", "challenge": options["publicKey"]["challenge"], "origin": origin}
        ).encode()
        auth_data = hashlib.sha256(self.rp_id.encode()).digest() + bytes([0x05]) + struct.pack(">I", counter)
        signature = self.private.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return json.dumps(
            {
                "id": websafe_encode(self.credential_id),
                "rawId": websafe_encode(self.credential_id),
                "type": "public-key",
                "response": {
                    "clientDataJSON": websafe_encode(client_data),
                    "authenticatorData": websafe_encode(auth_data),
                    "signature": websafe_encode(signature),
                },
                "clientExtensionResults": {},
            }
        )
