"""The published VNPay recipe, written again from the documentation for the tests (not the adapter's code)."""

import hashlib
import hmac
import urllib.parse

SECRET = "SECRETKEYFORTESTS0123456789ABCDEF"


def published_hash(params: dict, secret: str = SECRET) -> str:
    pieces = []
    for key in sorted(params):
        if key in ("vnp_SecureHash", "vnp_SecureHashType") or params[key] == "":
            continue
        pieces.append(key + "=" + urllib.parse.quote_plus(str(params[key])))
    return hmac.new(secret.encode(), "&".join(pieces).encode(), hashlib.sha512).hexdigest()


def signed(params: dict) -> dict:
    return {**params, "vnp_SecureHash": published_hash(params)}
