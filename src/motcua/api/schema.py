"""What the OpenAPI file says about errors, written once for every operation.

Every error answers ``{"error": {"code", "message", "fields"}}`` (api/errors.py). Instead of
repeating the error responses on each endpoint, this drf-spectacular post-processing hook adds
them where they can occur: 400 (bad input), 401 (a bad or expired token), 403 (not allowed),
404 (not found, or not visible to the caller), 429 (rate limit or sign-in lockout) on every
operation; 409 (the dossier's state forbids it), 413 (body too large) and 422 (an
``Idempotency-Key`` reused with another body) and 415 (a Content-Type the endpoint does not read,
or a broken multipart body) on the ones that write. The Schemathesis run
(api/tests/test_fuzzing.py) fails on any status code the file does not list.
"""

from __future__ import annotations

ERROR = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": {}},
            },
            "required": ["code", "message", "fields"],
        }
    },
    "required": ["error"],
}

EVERYWHERE = {
    "400": "Dữ liệu gửi lên chưa hợp lệ (bad input)",
    "401": "Cần đăng nhập, hoặc mã đăng nhập đã hết hạn / bị thu hồi",
    "403": "Không có quyền",
    "404": "Không tìm thấy (hoặc không được xem)",
    "429": "Quá nhiều yêu cầu, hoặc tạm khóa đăng nhập (Retry-After)",
}
WRITES = {
    "409": "Trạng thái hồ sơ không cho phép thao tác này",
    "413": "Nội dung gửi lên quá lớn",
    "415": "Kiểu nội dung (Content-Type) không được hỗ trợ, hoặc thân multipart hỏng",
    "422": "Idempotency-Key đã dùng cho một yêu cầu khác",
}


def document_errors(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["ErrorBody"] = ERROR
    reference = {"$ref": "#/components/schemas/ErrorBody"}
    for methods in result.get("paths", {}).values():
        for method, operation in methods.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = dict(EVERYWHERE)
            if method in ("post", "put", "patch", "delete"):
                codes.update(WRITES)
            for code, description in codes.items():
                operation["responses"].setdefault(
                    code, {"description": description, "content": {"application/json": {"schema": reference}}}
                )
    return result
