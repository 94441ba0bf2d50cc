"""What an uploaded file must be before it is stored: its type, decided by its content, and its size.

The type is read from the first bytes of the file (its magic number), never
from the name or the browser's Content-Type, both of which the sender chooses.
Three signatures are all a dossier accepts, so they are written here rather
than pulled from a file-identification library: the web process must not hand
an untrusted file to a parser (DESIGN.md), and these checks parse nothing.
Deeper checks (PDF structure, decompression bombs) belong to the worker-side
pipeline and build on ``FileKind``.
"""

from __future__ import annotations

import os
import re
import unicodedata

from django.conf import settings
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.errors import ValidationFailed

# Enough to find every signature below (a PDF header may sit anywhere in the first 1,024 bytes).
HEAD_BYTES = 1024


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    JPEG = "jpeg", "JPEG"
    PNG = "png", "PNG"


MEDIA_TYPES = {FileKind.PDF: "application/pdf", FileKind.JPEG: "image/jpeg", FileKind.PNG: "image/png"}
EXTENSIONS = {FileKind.PDF: ".pdf", FileKind.JPEG: ".jpg", FileKind.PNG: ".png"}
ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
ALLOWED_LABEL = gettext_lazy("PDF, JPEG hoặc PNG")


def sniff(head: bytes) -> FileKind | None:
    """The kind of file these first bytes open, or ``None`` when it is none we accept."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileKind.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return FileKind.JPEG
    if b"%PDF-" in head[:HEAD_BYTES]:
        return FileKind.PDF
    return None


def check_file(*, name: str, size: int, head: bytes) -> FileKind:
    """The file's kind; ``ValidationFailed`` naming the file when it is empty, too large or of another type."""
    if size <= 0:
        raise ValidationFailed(_("Tệp “%(name)s” rỗng.") % {"name": name}, code="file_empty")
    if size > settings.MAX_FILE_BYTES:
        raise ValidationFailed(
            _("Tệp “%(name)s” có dung lượng %(size)s, vượt mức tối đa %(limit)s cho một tệp.")
            % {
                "name": name,
                "size": filesizeformat(size),
                "limit": filesizeformat(settings.MAX_FILE_BYTES),
            },
            code="file_too_large",
        )
    kind = sniff(head)
    if kind is None:
        raise ValidationFailed(
            _(
                "Tệp “%(name)s” không phải tệp %(allowed)s (hệ thống kiểm tra nội dung tệp, không dựa vào tên)."
            )
            % {"name": name, "allowed": ALLOWED_LABEL},
            code="file_type_not_allowed",
        )
    return kind


def check_dossier_total(*, current: int, adding: int) -> None:
    """A dossier's attachments together stay within ``MAX_DOSSIER_BYTES``."""
    limit = settings.MAX_DOSSIER_BYTES
    if current + adding > limit:
        raise ValidationFailed(
            _(
                "Tổng dung lượng tệp của hồ sơ sẽ là %(total)s, vượt mức tối đa %(limit)s "
                "(đã đính kèm %(current)s)."
            )
            % {
                "total": filesizeformat(current + adding),
                "limit": filesizeformat(limit),
                "current": filesizeformat(current),
            },
            code="dossier_too_large",
        )


_UNSAFE = re.compile(r"[^\w\s().,+-]", re.UNICODE)


def clean_filename(name: str, kind: FileKind) -> str:
    """The applicant's file name for display and download: no path, no control characters, the true extension."""
    base = os.path.basename((name or "").replace("\\", "/"))
    stem = os.path.splitext(base)[0]
    stem = unicodedata.normalize("NFC", stem)
    stem = _UNSAFE.sub("_", stem).strip(" ._") or "tep"
    return f"{stem[:120]}{EXTENSIONS[kind]}"


def inspection_message(name: str, code: str, params: dict) -> str:
    """What the applicant reads when the deep check (``inspection``) refuses a file."""
    messages = {
        "polyglot_archive": _(
            "Tệp “%(name)s” chứa một tệp nén ẩn bên trong (tệp đa định dạng), không được chấp nhận."
        ),
        "polyglot_markup": _(
            "Tệp “%(name)s” chứa mã trang web ẩn bên trong (tệp đa định dạng), không được chấp nhận."
        ),
        "polyglot_prefix": _(
            "Tệp “%(name)s” có dữ liệu lạ trước phần đầu PDF (tệp đa định dạng), không được chấp nhận."
        ),
        "polyglot_trailer": _(
            "Tệp “%(name)s” có dữ liệu lạ sau phần cuối ảnh (tệp đa định dạng), không được chấp nhận."
        ),
        "pdf_truncated": _("Tệp “%(name)s” bị cắt cụt (thiếu phần cuối PDF); vui lòng tải lại tệp đầy đủ."),
        "pdf_encrypted": _(
            "Tệp “%(name)s” được đặt mật khẩu hoặc mã hóa; vui lòng tải lên bản không mã hóa."
        ),
        "pdf_broken": _("Tệp “%(name)s” là PDF bị hỏng, không mở được."),
        "pdf_active": _("Tệp “%(name)s” chứa mã JavaScript hoặc lệnh tự chạy, không được chấp nhận."),
        "pdf_embedded": _("Tệp “%(name)s” chứa tệp đính kèm bên trong PDF, không được chấp nhận."),
        "pdf_bomb": _(
            "Tệp “%(name)s” chứa dữ liệu nén giải ra quá lớn (bom giải nén), không được chấp nhận."
        ),
        "pdf_too_many_pages": _("Tệp “%(name)s” có quá nhiều trang."),
        "pixel_bomb": _("Ảnh trong tệp “%(name)s” quá lớn (%(pixels)s điểm ảnh, tối đa %(limit)s)."),
        "image_broken": _("Tệp ảnh “%(name)s” bị hỏng hoặc không đầy đủ."),
        "too_complex": _(
            "Tệp “%(name)s” không kiểm tra được trong giới hạn thời gian và bộ nhớ, không được chấp nhận."
        ),
    }
    template = messages.get(code, messages["too_complex"])
    values = {"name": name, "pixels": "", "limit": ""}
    for key in ("pixels", "limit"):
        if key in params:
            values[key] = f"{int(params[key]):,}".replace(",", ".")
    return template % values


def inspect_upload(*, name: str, data: bytes, kind: FileKind) -> int:
    """The file's page count; ``ValidationFailed`` naming the file when the deep check refuses it."""
    from motcua.documents.inspection import inspect_isolated

    outcome = inspect_isolated(data, kind=str(kind), max_pixels=settings.MAX_IMAGE_PIXELS)
    if not outcome.get("ok"):
        code = outcome.get("code", "too_complex")
        raise ValidationFailed(inspection_message(name, code, outcome.get("params", {})), code=f"file_{code}")
    return int(outcome.get("pages", 1))
