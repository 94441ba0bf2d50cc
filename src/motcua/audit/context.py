"""The request being served, so a selector deep below a view can log who looked and from where
without every caller passing the request down."""

from __future__ import annotations

from contextvars import ContextVar

_current_ip: ContextVar[str] = ContextVar("motcua_audit_ip", default="")


def client_ip(request) -> str:
    return (request.META.get("REMOTE_ADDR") or "")[:45]


def current_ip() -> str:
    return _current_ip.get()


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from motcua.audit import denials

        token = _current_ip.set(client_ip(request))
        collecting = denials.collect()
        try:
            return self.get_response(request)
        finally:
            # Refusals are written once the view's transactions are over (audit.denials).
            denials.flush(collecting)
            _current_ip.reset(token)
