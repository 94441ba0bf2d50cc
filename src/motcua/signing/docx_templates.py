"""Word templates with ``{{ placeholders }}`` (docxtpl: Jinja inside .docx), as officials write them.

A template may use the dossier's own variables (``BUILTIN_VARIABLES``) and the fields of
its procedure's e-form; any other name is refused at upload, so a typo shows up when the
template is uploaded, not when a citizen's result is printed.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from docxtpl import DocxTemplate, Listing
from jinja2 import TemplateSyntaxError

from motcua.core.calendar import LOCAL_TZ
from motcua.core.errors import ValidationFailed
from motcua.org.selectors import place_name
from motcua.signing import issuing, numbering, signers

BUILTIN_VARIABLES = {
    "ma_ho_so": "Mã hồ sơ",
    "ma_thu_tuc": "Mã thủ tục",
    "ten_thu_tuc": "Tên thủ tục",
    "nguoi_nop": "Họ tên người nộp / tên tổ chức",
    "so_dinh_danh": "Số định danh cá nhân / mã số thuế",
    "dia_chi": "Địa chỉ người nộp",
    "dien_thoai": "Điện thoại người nộp",
    "co_quan": "Cơ quan giải quyết",
    "co_quan_cap_tren": "Cơ quan cấp trên của cơ quan giải quyết",
    "noi_tiep_nhan": "Nơi tiếp nhận",
    "dia_danh": "Địa danh (tỉnh, hoặc xã/phường của cơ quan cấp xã), như trên giấy tiếp nhận",
    "ngay_nop": "Ngày nộp (dd/mm/yyyy)",
    "ngay_tiep_nhan": "Ngày tiếp nhận (dd/mm/yyyy)",
    "ngay_hen_tra": "Ngày hẹn trả (dd/mm/yyyy)",
    "ngay_ky": "Ngày lập dự thảo (dd/mm/yyyy)",
    "ngay_ky_chu": "Ngày ban hành: “ngày 05 tháng 3 năm 2026”, để trống trong dự thảo, điền khi lãnh đạo ký",
    "so_van_ban": "Số văn bản: để trống trong dự thảo, cấp từ sổ đăng ký khi lãnh đạo ký (“Số: {{ so_van_ban }}/{{ ky_hieu }}”)",
    "ky_hieu": "Ký hiệu văn bản: loại văn bản - cơ quan, như “QĐ-UBND”",
    "chuc_vu_ky": "Quyền hạn và chức vụ người ký, như “KT. CHỦ TỊCH” xuống dòng “PHÓ CHỦ TỊCH”",
    "nguoi_ky": "Họ tên người ký",
    "ly_do": "Lý do (văn bản từ chối)",
    "ngay_hen_moi": "Ngày hẹn mới (phiếu xin lỗi)",
}
# A template must carry the parts of an administrative document the system fills in when it is issued.
REQUIRED_VARIABLES = ("so_van_ban", "ngay_ky_chu", "nguoi_ky")
MAX_TEMPLATE_BYTES = 10 * 1024 * 1024


def placeholders_of(data: bytes) -> set[str]:
    """The top-level names a .docx template uses; ValidationFailed if it is not a readable template."""
    if len(data) > MAX_TEMPLATE_BYTES:
        raise ValidationFailed(fields={"docx": [_("Tệp mẫu vượt quá 10 MB.")]})
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValidationFailed(fields={"docx": [_("Tệp không phải tài liệu Word (.docx).")]})
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise ValidationFailed(fields={"docx": [_("Tệp không phải tài liệu Word (.docx).")]})
            total = sum(info.file_size for info in archive.infolist())
            if total > 20 * MAX_TEMPLATE_BYTES:
                raise ValidationFailed(fields={"docx": [_("Tệp mẫu giải nén quá lớn.")]})
        return set(DocxTemplate(io.BytesIO(data)).get_undeclared_template_variables())
    except TemplateSyntaxError as exc:
        raise ValidationFailed(
            fields={
                "docx": [
                    _("Lỗi cú pháp trường thay thế (dòng %(line)s): %(message)s")
                    % {"line": exc.lineno, "message": exc.message}
                ]
            }
        ) from None
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ValidationFailed(
            fields={"docx": [_("Không đọc được tệp Word: %(error)s") % {"error": exc}]}
        ) from None


def allowed_names(form_schema: dict | None) -> set[str]:
    return set(BUILTIN_VARIABLES) | set((form_schema or {}).get("properties", {}))


def check_placeholders(data: bytes, *, form_schema: dict | None) -> list[str]:
    """The template's placeholders, sorted; unknown names are refused with the list of known ones."""
    names = placeholders_of(data)
    missing = [name for name in REQUIRED_VARIABLES if name not in names]
    if missing:
        fields = ", ".join(f"{{{{ {name} }}}}" for name in missing)
        raise ValidationFailed(
            _("Mẫu thiếu %(names)s: số, ngày ban hành và họ tên người ký được điền khi lãnh đạo ký.")
            % {"names": fields},
            fields={"docx": [_("Mẫu thiếu trường bắt buộc: %(names)s") % {"names": fields}]},
        )
    unknown = sorted(names - allowed_names(form_schema))
    if unknown:
        raise ValidationFailed(
            _("Mẫu dùng trường không có trong hồ sơ: %(names)s.") % {"names": ", ".join(unknown)},
            fields={"docx": [_("Trường không hợp lệ: %(names)s") % {"names": ", ".join(unknown)}]},
        )
    return sorted(names)


def _day(value: datetime | None) -> str:
    return value.astimezone(LOCAL_TZ).strftime("%d/%m/%Y") if value else ""


def _iso_to_vietnamese(value: str) -> str:
    """``2026-11-01`` → ``01/11/2026``, the way dates are written on documents."""
    try:
        return datetime.strptime(value, "%Y-%m-%d").strftime("%d/%m/%Y")
    except ValueError:
        return value


def dossier_context(
    dossier, *, extra: dict | None = None, at: datetime | None = None, signer=None, doc_type: str = ""
) -> dict:
    """The values a template is rendered with: the dossier's own, then its e-form's.

    The number and the date of issue stay blank (``issuing.NUMBER_GAP``, ``issuing.DATE_GAP``):
    they are written in when the leader signs. ``signer`` is the official who will sign.
    """
    at = (at or timezone.now()).astimezone(LOCAL_TZ)
    competent = dossier.competent_agency
    context = {
        "ma_ho_so": dossier.code or "",
        "ma_thu_tuc": dossier.procedure.code,
        "ten_thu_tuc": dossier.procedure.name,
        "nguoi_nop": dossier.applicant_name,
        "so_dinh_danh": dossier.applicant_id_number,
        "dia_chi": dossier.applicant_address,
        "dien_thoai": dossier.applicant_phone,
        "co_quan": competent.name,
        "co_quan_cap_tren": competent.parent.name if competent.parent else "",
        "noi_tiep_nhan": dossier.receiving_agency.name,
        "dia_danh": place_name(competent),
        "ngay_nop": _day(dossier.submitted_at),
        "ngay_tiep_nhan": _day(dossier.received_at),
        "ngay_hen_tra": _day(dossier.due_at),
        "ngay_ky": at.strftime("%d/%m/%Y"),
        "ngay_ky_chu": issuing.DATE_GAP,
        "so_van_ban": issuing.NUMBER_GAP,
        "ky_hieu": numbering.symbol(competent, doc_type),
        "chuc_vu_ky": Listing("\n".join(signers.position_lines(signer, competent))) if signer else "",
        "nguoi_ky": str(signer) if signer else "",
        "ly_do": "",
        "ngay_hen_moi": "",
    }
    properties = (dossier.procedure.form_schema or {}).get("properties", {})
    for name, value in (dossier.form_data or {}).items():
        if properties.get(name, {}).get("format") == "date" and isinstance(value, str):
            value = _iso_to_vietnamese(value)
        context.setdefault(name, value)
    context.update(extra or {})
    return context


def render_docx(data: bytes, context: dict) -> bytes:
    template = DocxTemplate(io.BytesIO(data))
    template.render(context, autoescape=True)
    output = io.BytesIO()
    template.save(output)
    return output.getvalue()
