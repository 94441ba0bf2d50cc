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
