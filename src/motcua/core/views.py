"""Pages and endpoints that belong to no bounded context: home, health, error pages."""

from __future__ import annotations

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.api.errors import json_not_found, json_server_error


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


def not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return json_not_found(request, exception)
    return render(request, "core/404.html", status=404)


def rate_limited(request, exception=None):
    """Too many look-ups or sign-in attempts from one address (django-ratelimit)."""
    if request.path.startswith("/api/"):
        from motcua.api.errors import error_body

        return JsonResponse(
            error_body("throttled", _("Quá nhiều yêu cầu, vui lòng thử lại sau.")), status=429
        )
    response = render(request, "core/429.html", status=429)
    response["Retry-After"] = "60"
    return response


def server_error(request):
    if request.path.startswith("/api/"):
        return json_server_error(request)
    return render(request, "core/500.html", status=500)
