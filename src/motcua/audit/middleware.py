"""Keeps the request's client address for the audit log, and writes the refusals once the view's
transactions are over (``audit.denials``)."""

from __future__ import annotations

from motcua.audit import denials
from motcua.audit.context import _current_ip, client_ip


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_ip.set(client_ip(request))
        collecting = denials.collect()
        try:
            return self.get_response(request)
        finally:
            # Refusals are written once the view's transactions are over (audit.denials).
            denials.flush(collecting)
            _current_ip.reset(token)
