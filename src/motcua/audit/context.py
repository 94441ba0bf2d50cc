"""The request being served, so a selector deep below a view can log who looked and from where
without every caller passing the request down."""

from __future__ import annotations

from contextvars import ContextVar

_current_ip: ContextVar[str] = ContextVar("motcua_audit_ip", default="")


def client_ip(request) -> str:
    return (request.META.get("REMOTE_ADDR") or "")[:45]


def current_ip() -> str:
    return _current_ip.get()
