"""API sign-in tokens (django-rest-knox): expiring, revocable, stored only as a hash.

- ``POST /api/v1/auth/token/`` issues a new token per sign-in, valid for
  ``MOTCUA_API_TOKEN_HOURS`` (12 by default), and says until when (``expiry``).
- ``POST /api/v1/auth/logout/`` revokes the token it is sent with;
  ``POST /api/v1/auth/logout-all/`` every token of the account.
- Signing out of the web pages, changing the password, or deactivating the account
  revokes every token of the account.
- ``Authorization: Token <token>`` as before (``TokenAuthentication`` below, in settings).
- The database keeps a SHA-512 digest, never the token. Every request checks it
  there (one indexed query): no process keeps a token that was revoked elsewhere.
  (knox's own authentication also read every other token of the account on each request, to
  delete the expired ones: a second query on every API call, growing with the tokens a user
  holds. ``TokenAuthentication`` below checks the token presented; the account's expired tokens
  are deleted when it signs in again, ``issue_token``.)
"""

from __future__ import annotations

import binascii
from hmac import compare_digest

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from knox.crypto import hash_token
from knox.models import AuthToken
from knox.settings import CONSTANTS as knox_constants
from knox.settings import knox_settings
from knox.signals import token_expired
from rest_framework import exceptions


def issue_token(user) -> tuple[str, object]:
    """A fresh token for ``user`` and its expiry; the account's expired tokens go."""
    AuthToken.objects.filter(user=user, expiry__lt=timezone.now()).delete()
    instance, token = AuthToken.objects.create(user=user)
    return token, instance.expiry


class TokenAuthentication(KnoxTokenAuthentication):
    """``Authorization: Token …``: knox's, reading only the token presented, with its account and
    the account's official record (if any) in the same query — the access rule asks for it on
    most requests, a query of its own before."""

    def authenticate_credentials(self, token: bytes):
        """knox's check (a token is looked up by its first characters, then its digest compared)."""
        token = token.decode("utf-8")
        candidates = AuthToken.objects.filter(token_key=token[: knox_constants.TOKEN_KEY_LENGTH])
        for auth_token in candidates.select_related("user__official"):
            if self._cleanup_token(auth_token):
                continue
            try:
                digest = hash_token(token)
            except (TypeError, binascii.Error) as error:
                raise exceptions.AuthenticationFailed() from error
            if compare_digest(digest, auth_token.digest):
                if knox_settings.AUTO_REFRESH and auth_token.expiry:
                    self.renew_token(auth_token)
                return self.validate_user(auth_token)
        raise exceptions.AuthenticationFailed()

    def _cleanup_token(self, auth_token) -> bool:
        """Is the token presented expired? (Then it is deleted, as knox does.)"""
        if auth_token.expiry is None or auth_token.expiry >= timezone.now():
            return False
        username = auth_token.user.get_username()
        auth_token.delete()
        token_expired.send(sender=self.__class__, username=username, source="auth_token")
        return True


class TokenScheme(KnoxTokenScheme):
    """The OpenAPI description of ``TokenAuthentication``: knox's (``knoxApiToken``)."""

    target_class = "motcua.accounts.tokens.TokenAuthentication"


def revoke_token(auth_token) -> None:
    auth_token.delete()


def revoke_all_tokens(user) -> int:
    deleted, _ = AuthToken.objects.filter(user=user).delete()
    return deleted


@receiver(user_logged_out, dispatch_uid="api-tokens-revoked-on-sign-out")
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        revoke_all_tokens(user)


@receiver(pre_save, sender=get_user_model(), dispatch_uid="api-tokens-revoked-on-password-change")
def _password_or_status_changed(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    before = sender.objects.filter(pk=instance.pk).values("password", "is_active").first()
    if before is not None and (
        before["password"] != instance.password or (before["is_active"] and not instance.is_active)
    ):
        revoke_all_tokens(instance)
