"""Refused attempts (ASVS V16): a dossier, file or result asked for and not given, an action
refused, a wrong signing PIN.

Two things make this harder than ``record``:

- the refusal usually rolls back the transaction it happened in (an ``Idempotency-Key``
  wraps the view in one), which would take the entry with it; inside a request the
  denial is therefore written by ``audit.middleware`` after the view has
  answered, outside any transaction;
- an attacker can make refusals by the thousand, and each entry costs an append to the
  chain: per actor (or address, for anonymous callers) and minute, only the first
  refusal is written, the others counted in the cache and reported by the next entry
  as ``suppressed`` (shared between processes when ``MOTCUA_CACHE_URL`` is set).
"""

from __future__ import annotations

from contextvars import ContextVar

from django.core.cache import cache
from django.utils import timezone

from motcua.audit.context import current_ip
from motcua.audit.models import Action

_pending: ContextVar[list | None] = ContextVar("motcua_audit_pending_denials", default=None)


def note_denial(*, user, what: str, reference: str, reason: str = "") -> None:
    """A refusal of ``what`` (dossier, file, result, action, pin) for ``reference``."""
    denial = (
        user if user is not None and getattr(user, "is_authenticated", False) else None,
        what,
        reference,
        reason,
    )
    pending = _pending.get()
    if pending is not None:
        pending.append((denial, current_ip()))
    else:
        # Outside a request (a job, the shell): in the caller's transaction, if any.
        _write(*denial, ip=current_ip())


def collect():
    """Start collecting this request's denials; returns the token ``flush`` needs."""
    return _pending.set([])


def flush(token) -> None:
    pending = _pending.get() or []
    _pending.reset(token)
    for denial, ip in pending:
        _write(*denial, ip=ip)


def _write(user, what: str, reference: str, reason: str, *, ip: str) -> None:
    from motcua.audit.services import record

    who = f"user:{user.pk}" if user is not None else f"ip:{ip}"
    minute = int(timezone.now().timestamp() // 60)
    key = f"audit-denied:{who}:{minute}"
    if not cache.add(key, 0, 180):
        try:
            cache.incr(key)
        except ValueError:
            cache.add(key, 1, 180)
        return
    detail = {"what": what, "reason": reason}
    suppressed = cache.get(f"audit-denied:{who}:{minute - 1}") or 0
    if suppressed:
        detail["suppressed_before"] = suppressed
    record(
        action=Action.DENIED,
        user=user,
        object_type=what,
        object_ref=str(reference)[:120],
        detail=detail,
        ip=ip,
    )
