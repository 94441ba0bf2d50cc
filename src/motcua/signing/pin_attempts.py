"""Signing PIN lockout: after ``SIGNING_PIN_ATTEMPTS`` wrong PINs in a row, a leader's signing
is refused for ``SIGNING_PIN_LOCK_MINUTES`` (a guessing robot gets a handful of tries, not
thousands). Counts live in the cache: shared between processes when ``MOTCUA_CACHE_URL`` is set.
Each wrong PIN is an audit denial."""

from __future__ import annotations

from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from motcua.audit.denials import note_denial
from motcua.core.errors import Forbidden
from motcua.signing.keys import WrongPin


class PinLocked(Forbidden):
    code = "pin_locked"


def _key(user) -> str:
    return f"signing-pin-failures:{user.pk}"


@contextmanager
def guarded(user):
    failures = cache.get(_key(user), 0)
    if failures >= settings.SIGNING_PIN_ATTEMPTS:
        note_denial(user=user, what="pin", reference=str(user.pk), reason="locked")
        raise PinLocked(
            _("Đã nhập sai mã PIN %(count)s lần; thử lại sau %(minutes)s phút.")
            % {"count": failures, "minutes": settings.SIGNING_PIN_LOCK_MINUTES}
        )
    try:
        yield
    except WrongPin:
        if not cache.add(_key(user), 1, settings.SIGNING_PIN_LOCK_MINUTES * 60):
            cache.incr(_key(user))
        note_denial(user=user, what="pin", reference=str(user.pk), reason="wrong_pin")
        raise
    cache.delete(_key(user))
