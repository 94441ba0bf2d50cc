"""Domain errors: what went wrong, in words a user understands.

Services raise these; the API turns them into ``{"error": {...}}`` with the
status given here, pages into a message. Messages are written in Vietnamese
(the source language of the catalogue) and translated to English by Django i18n.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    code = "invalid"
    status = 400
    default_message = _("Yêu cầu không hợp lệ.")

    def __init__(self, message=None, *, fields: dict | None = None, code: str | None = None):
        self.message = message if message is not None else self.default_message
        self.fields = fields or {}
        if code:
            self.code = code
        super().__init__(str(self.message))


class ValidationFailed(DomainError):
    code = "validation_failed"
    status = 400
    default_message = _("Dữ liệu gửi lên chưa hợp lệ.")


class NotFound(DomainError):
    code = "not_found"
    status = 404
    default_message = _("Không tìm thấy.")


class Forbidden(DomainError):
    code = "forbidden"
    status = 403
    default_message = _("Bạn không có quyền thực hiện thao tác này.")


class Conflict(DomainError):
    code = "conflict"
    status = 409
    default_message = _("Thao tác xung đột với trạng thái hiện tại.")


class InvalidTransition(Conflict):
    code = "invalid_transition"
    default_message = _("Hồ sơ không ở trạng thái cho phép thao tác này.")


class IdempotencyMismatch(DomainError):
    code = "idempotency_key_reused"
    status = 422
    default_message = _("Khóa Idempotency-Key đã được dùng cho một yêu cầu khác.")


# -- the JSON error body every endpoint answers with -------------------------------------------------


def error_body(code: str, message, fields: dict | None = None) -> dict:
    """``{"error": {"code", "message", "fields"}}``: the body of every error of the API (DESIGN.md)."""
    return {"error": {"code": code, "message": str(message), "fields": _plain(fields or {})}}


def _plain(fields) -> dict:
    """Nested error structures (DRF's ErrorDetail, lazy translations) as plain strings and lists."""
    if isinstance(fields, dict):
        return {str(k): _plain(v) for k, v in fields.items()}
    if isinstance(fields, list | tuple):
        return [_plain(v) for v in fields]
    return str(fields)


def json_error(code: str, message, status: int, fields: dict | None = None):
    from django.http import JsonResponse

    return JsonResponse(error_body(code, message, fields), status=status)


def json_not_found(request, exception=None):
    return json_error("not_found", _("Không tìm thấy."), 404)


def json_server_error(request):
    return json_error("server_error", _("Lỗi hệ thống, vui lòng thử lại sau."), 500)
