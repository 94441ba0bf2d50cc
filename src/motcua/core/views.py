"""Pages and endpoints that belong to no bounded context: home, health, error pages."""

from __future__ import annotations

from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from motcua.core.context_processors import site_name
from motcua.core.errors import json_error, json_not_found, json_server_error
from motcua.core.site import logo_url


def healthz(request):
    """Liveness and readiness: the process answers and the database does."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means not ready
        checks["database"] = f"error: {exc.__class__.__name__}"
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503
    )


def _api_error(code: str, message, status: int) -> JsonResponse:
    return json_error(code, message, status)


def bad_request(request, exception=None):
    if request.path.startswith("/api/"):
        return _api_error("bad_request", _("Yêu cầu không hợp lệ."), 400)
    return render(request, "core/400.html", status=400)


def permission_denied(request, exception=None):
    """403: the site's own page, saying what to do (sign in, or go back), in the visitor's language."""
    if request.path.startswith("/api/"):
        return _api_error("forbidden", _("Bạn không có quyền thực hiện thao tác này."), 403)
    return render(request, "core/403.html", {"path": request.get_full_path()}, status=403)


def csrf_failure(request, reason=""):
    """A form sent without its security token (an old tab, cookies blocked): say how to try again."""
    if request.path.startswith("/api/"):
        return _api_error("csrf_failed", _("Thiếu mã bảo vệ biểu mẫu (CSRF)."), 403)
    referer = request.META.get("HTTP_REFERER", "")
    back = (
        referer if url_has_allowed_host_and_scheme(referer, {request.get_host()}, request.is_secure()) else ""
    )
    return render(request, "core/csrf_failure.html", {"back": back}, status=403)


def not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return json_not_found(request, exception)
    return render(request, "core/404.html", status=404)


def rate_limited(request, exception=None):
    """Too many look-ups or sign-in attempts from one address (django-ratelimit)."""
    if request.path.startswith("/api/"):
        response = _api_error("throttled", _("Quá nhiều yêu cầu, vui lòng thử lại sau."), 429)
    else:
        response = render(request, "core/429.html", status=429)
    response["Retry-After"] = "60"
    return response


def server_error(request):
    """500: the site's page, without anything that needs the database (it may be what failed)."""
    if request.path.startswith("/api/"):
        return json_server_error(request)
    try:
        html = render_to_string("core/500.html", {"site_name": site_name(), "site_logo_url": logo_url()})
    except Exception:  # noqa: BLE001 - the error page must answer whatever else is broken
        html = FALLBACK_500
    return HttpResponseServerError(html)


FALLBACK_500 = (
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Lỗi hệ thống</title></head>'
    "<body><h1>Lỗi hệ thống</h1><p>Vui lòng thử lại sau ít phút.</p>"
    '<p lang="en">Server error. Please try again in a few minutes.</p><p><a href="/">Trang chủ / Home</a></p>'
    "</body></html>"
)
