"""Friction without a CAPTCHA for anonymous forms: the browser spends about a second of work.

The form carries a challenge: its own form key and a difficulty, signed by the server.
The page's script (``core/proof-of-work.js``) finds a number whose SHA-256 with the
challenge starts with ``bits`` zero bits and posts it. Checking costs one hash. A
challenge is tied to its form key, and a form key creates at most one thing
(``core.idempotency``), so each new anonymous post costs a new search: a robot pays
~2^bits hashes per message while a person does not notice. No third party, no
picture puzzles (which screen readers cannot solve).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core import signing

SALT = "motcua.proof-of-work"
MAX_AGE_SECONDS = 6 * 3600


def new_challenge(form_key: str) -> str:
    return signing.dumps({"k": form_key, "b": settings.PROOF_OF_WORK_BITS}, salt=SALT)


def leading_zero_bits(digest: bytes) -> int:
    bits = 0
    for byte in digest:
        if byte == 0:
            bits += 8
            continue
        return bits + 8 - byte.bit_length()
    return bits


def is_solved(*, challenge: str, solution: str, form_key: str) -> bool:
    """Whether ``solution`` solves ``challenge``, a challenge this server issued for ``form_key``."""
    try:
        claim = signing.loads(challenge, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return False
    if not isinstance(claim, dict) or claim.get("k") != form_key:
        return False
    solution = str(solution or "")
    if not (solution.isascii() and solution.isdigit() and len(solution) <= 12):
        return False
    digest = hashlib.sha256(f"{challenge}:{solution}".encode()).digest()
    return leading_zero_bits(digest) >= int(claim.get("b", 0))


def solve(challenge: str) -> str:
    """What the browser does, for tests and command-line clients."""
    claim = signing.loads(challenge, salt=SALT, max_age=MAX_AGE_SECONDS)
    counter = 0
    while leading_zero_bits(hashlib.sha256(f"{challenge}:{counter}".encode()).digest()) < claim["b"]:
        counter += 1
    return str(counter)
