"""The API's exception handler: every API error is ``{"error": {"code", "message", "fields"}}`` with the right HTTP status."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from motcua.audit.denials import note_denial
from motcua.core.errors import DomainError, Forbidden, error_body, json_not_found, json_server_error

ERROR_RESPONSE = inline_serializer(
    "Error",
    {
        "error": inline_serializer(
            "ErrorDetail",
            {
                "code": serializers.CharField(),
                "message": serializers.CharField(),
                "fields": serializers.DictField(help_text="lỗi theo từng trường"),
            },
        )
    },
)


def _flatten(detail) -> dict:
    if isinstance(detail, dict):
        return detail
    if isinstance(detail, list):
        return {"non_field_errors": detail}
    return {"non_field_errors": [detail]}


def exception_handler(exc, context):
    headers = {}
    if isinstance(exc, RequestDataTooBig):
        return Response(
            error_body("too_large", _("Nội dung gửi lên vượt quá dung lượng cho phép.")), status=413
        )
    if isinstance(exc, SuspiciousOperation | OverflowError | RecursionError | UnicodeError | DataError):
        # Input no parser should have let through (a number past 64 bits, a date past year 9999,
        # nesting past the recursion limit): the request is at fault, never the server.
        return Response(error_body("bad_request", _("Yêu cầu không hợp lệ.")), status=400)
    if isinstance(exc, Forbidden | DjangoPermissionDenied | exceptions.PermissionDenied):
        _note_refused_action(context)
    if isinstance(exc, DomainError):
        return Response(error_body(exc.code, exc.message, exc.fields), status=exc.status)
    if isinstance(exc, Http404):
        return Response(error_body("not_found", _("Không tìm thấy.")), status=404)
    if isinstance(exc, DjangoPermissionDenied):
        return Response(error_body("forbidden", _("Bạn không có quyền thực hiện thao tác này.")), status=403)
    if isinstance(exc, exceptions.ValidationError):
        return Response(
            error_body("validation_failed", _("Dữ liệu gửi lên chưa hợp lệ."), _flatten(exc.detail)),
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, exceptions.APIException):
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))
        messages = {
            exceptions.NotAuthenticated: _("Cần đăng nhập."),
            exceptions.AuthenticationFailed: _("Thông tin đăng nhập không đúng."),
            exceptions.PermissionDenied: _("Bạn không có quyền thực hiện thao tác này."),
            exceptions.NotFound: _("Không tìm thấy."),
            exceptions.MethodNotAllowed: _("Phương thức không được hỗ trợ."),
            exceptions.ParseError: _("Nội dung gửi lên không đọc được (JSON không hợp lệ)."),
            exceptions.UnsupportedMediaType: _("Kiểu nội dung không được hỗ trợ."),
            exceptions.Throttled: _("Quá nhiều yêu cầu, vui lòng thử lại sau."),
            exceptions.NotAcceptable: _("Không đáp ứng được định dạng yêu cầu."),
        }
        message = messages.get(
            type(exc), exc.detail if isinstance(exc.detail, str) else _("Yêu cầu không hợp lệ.")
        )
        code = exc.default_code if isinstance(exc.default_code, str) else "error"
        return Response(error_body(code, message), status=exc.status_code, headers=headers)
    return None


def _note_refused_action(context) -> None:

    request = context.get("request")
    if request is not None:
        note_denial(
            user=request.user, what="action", reference=f"{request.method} {request.path}", reason="forbidden"
        )


__all__ = ["ERROR_RESPONSE", "error_body", "exception_handler", "json_not_found", "json_server_error"]
