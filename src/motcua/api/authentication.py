"""Token authentication with a short per-process memory.

Every API call authenticates; looking the token and its user up is the single
most repeated query of the API. A token seen in the last ``TTL`` seconds is
trusted again without asking the database. Signing out (deleting the token) or
changing the user clears the memory in this process at once; other processes
forget within ``TTL`` seconds.
"""

from __future__ import annotations

import threading
import time

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token

TTL = 30.0
_lock = threading.Lock()
_known: dict[str, tuple[float, object, Token]] = {}


class CachedTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        now = time.monotonic()
        with _lock:
            cached = _known.get(key)
        if cached is not None and now - cached[0] < TTL:
            return cached[1], cached[2]
        user, token = super().authenticate_credentials(key)
        with _lock:
            if len(_known) > 50_000:
                _known.clear()
            _known[key] = (now, user, token)
        return user, token


def forget_tokens(**kwargs) -> None:
    with _lock:
        _known.clear()


post_delete.connect(forget_tokens, sender=Token, dispatch_uid="forget-tokens-on-delete")
post_save.connect(forget_tokens, sender=get_user_model(), dispatch_uid="forget-tokens-on-user-change")
