"""gunicorn workers that answer an over-long address with the site's own page.

gunicorn refuses a request line longer than ``limit_request_line`` before Django
sees it, with a bare English "URI Too Long". ``motcua serve`` raises that limit
to gunicorn's maximum (8190 bytes: a question of well over a thousand
Vietnamese characters still fits, and the search reads only the first 300), and
these workers replace gunicorn's page for what is still longer with ours, in
Vietnamese and English (the request was not read, so its language is unknown).
"""

from __future__ import annotations

from gunicorn import util
from gunicorn.http.errors import LimitRequestHeaders, LimitRequestLine
from gunicorn.workers.gthread import ThreadWorker as _ThreadWorker
from gunicorn.workers.sync import SyncWorker as _SyncWorker

# The longest request line gunicorn accepts (its documented upper bound).
MAX_REQUEST_LINE = 8190


def page_414() -> bytes:
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.utils import translation

    from motcua.core.site import logo_url

    with translation.override("vi"):
        return render_to_string(
            "core/414.html", {"site_name": settings.SITE_NAME, "site_logo_url": logo_url()}
        ).encode()


def _response(status: str, body: bytes) -> bytes:
    head = (
        f"HTTP/1.1 {status}\r\nConnection: close\r\nContent-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nX-Content-Type-Options: nosniff\r\n\r\n"
    )
    return head.encode("ascii") + body


class _OwnPages:
    def handle_error(self, req, client, addr, exc):
        if isinstance(exc, LimitRequestLine | LimitRequestHeaders):
            status = (
                "414 URI Too Long"
                if isinstance(exc, LimitRequestLine)
                else "431 Request Header Fields Too Large"
            )
            try:
                body = page_414()
            except Exception:  # noqa: BLE001 - fall back to gunicorn's own page
                return super().handle_error(req, client, addr, exc)
            self.log.warning("Invalid request from ip=%s: %s", (addr or ("",))[0], exc)
            try:
                util.write_nonblock(client, _response(status, body))
            except Exception:  # noqa: BLE001 - the client may be gone
                self.log.debug("Failed to send error message.")
            return None
        return super().handle_error(req, client, addr, exc)


class SyncWorker(_OwnPages, _SyncWorker):
    pass


class ThreadWorker(_OwnPages, _ThreadWorker):
    pass
