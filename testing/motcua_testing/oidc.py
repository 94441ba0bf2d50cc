"""A forging OpenID Connect provider for the tests: a real HTTP server on loopback that speaks the
protocol (discovery, JWKS, authorize, token) and, on request, answers with an ID token that must be
refused: signed by another key, for another audience, expired, from another issuer, or carrying
the nonce of an earlier sign-in. It records what the client sent (PKCE verifier checked against
the challenge, state, nonce) so the tests can assert the client did its part.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

MODES = ("good", "wrong_signature", "wrong_audience", "expired", "wrong_issuer", "replayed_nonce", "deny")


class ForgingProvider:
    def __init__(self, *, client_id: str, client_secret: str, claims: dict):
        self.client_id = client_id
        self.client_secret = client_secret
        self.claims = claims
        self.mode = "good"
        self.key = RSAKey.generate_key(2048, parameters={"kid": "sandbox-1"})
        self.other_key = RSAKey.generate_key(2048, parameters={"kid": "sandbox-1"})
        self.authorizations: list[dict] = []
        self.token_requests: list[dict] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def _id_token(self, authorization: dict) -> str:
        now = int(time.time())
        claims = {
            **self.claims,
            "iss": self.url,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": authorization["nonce"],
        }
        key = self.key
        if self.mode == "wrong_signature":
            key = self.other_key
        elif self.mode == "wrong_audience":
            claims["aud"] = "another-application"
        elif self.mode == "expired":
            claims.update(iat=now - 7200, exp=now - 3600)
        elif self.mode == "wrong_issuer":
            claims["iss"] = "https://forged-issuer.example"
        elif self.mode == "replayed_nonce":
            claims["nonce"] = self.authorizations[0]["nonce"]
        return jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, body: dict, status: int = 200):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                parts = urlsplit(self.path)
                if parts.path == "/.well-known/openid-configuration":
                    return self._json(
                        {
                            "issuer": provider.url,
                            "authorization_endpoint": f"{provider.url}/authorize",
                            "token_endpoint": f"{provider.url}/token",
                            "jwks_uri": f"{provider.url}/jwks.json",
                            "end_session_endpoint": f"{provider.url}/end-session",
                            "id_token_signing_alg_values_supported": ["RS256"],
                            "code_challenge_methods_supported": ["S256"],
                        }
                    )
                if parts.path == "/jwks.json":
                    public = provider.key.as_dict(private=False)
                    return self._json({"keys": [public | {"use": "sig", "alg": "RS256"}]})
                if parts.path == "/authorize":
                    params = {k: v[0] for k, v in parse_qs(parts.query).items()}
                    provider.authorizations.append(params)
                    answer = (
                        {"error": "access_denied", "state": params["state"]}
                        if provider.mode == "deny"
                        else {"code": f"code-{len(provider.authorizations)}", "state": params["state"]}
                    )
                    self.send_response(302)
                    self.send_header("Location", params["redirect_uri"] + "?" + urlencode(answer))
                    self.end_headers()
                    return None
                self.send_response(404)
                self.end_headers()
                return None

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                provider.token_requests.append(form)
                authorization = provider.authorizations[int(form["code"].split("-")[1]) - 1]
                challenge = (
                    base64.urlsafe_b64encode(hashlib.sha256(form.get("code_verifier", "").encode()).digest())
                    .rstrip(b"=")
                    .decode()
                )
                if challenge != authorization.get("code_challenge"):
                    return self._json({"error": "invalid_grant", "error_description": "PKCE"}, 400)
                return self._json(
                    {
                        "access_token": "at",
                        "token_type": "Bearer",
                        "id_token": provider._id_token(authorization),
                    }
                )

        return Handler
