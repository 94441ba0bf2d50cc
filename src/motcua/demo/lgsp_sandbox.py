"""The LGSP population service's sandbox, served by motcua under ``/sandbox/lgsp/`` when
``MOTCUA_OIDC_SANDBOX=1``: the protocol of ``docs/lgsp-population.yaml`` over the demo residents
(``demo.population``), so the prefill flow runs on one machine."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from django.conf import settings
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET

from motcua.accounts.national_data import sandbox_token
from motcua.demo.population import resident


def _error(code: str, message: str, status: int):
    return JsonResponse({"maLoi": code, "thongBao": message}, status=status)


@require_GET
def citizen(request, personal_id: str):
    if not settings.OIDC_SANDBOX:
        raise Http404
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not secrets.compare_digest(header.removeprefix("Bearer "), sandbox_token()):
        return _error("SAI_KHOA", "Khóa truy cập không đúng.", 401)
    if not request.headers.get("X-Muc-Dich") or not request.headers.get("X-Dong-Y"):
        return _error("THIEU_THAM_SO", "Thiếu mục đích (X-Muc-Dich) hoặc thời điểm đồng ý (X-Dong-Y).", 400)
    if not (personal_id.isdigit() and len(personal_id) == 12):
        return _error("THIEU_THAM_SO", "Số định danh phải gồm 12 chữ số.", 400)
    person = resident(personal_id)
    if person is None:
        return _error("KHONG_TIM_THAY", "Không có công dân với số định danh này.", 404)
    return JsonResponse(
        {
            "soDinhDanh": person.personal_id,
            "hoVaTen": person.full_name,
            "ngaySinh": person.birth_date.isoformat(),
            "gioiTinh": "Nam" if person.male else "Nữ",
            "noiThuongTru": person.permanent_address,
            "ngayCapCCCD": person.id_issued_on.isoformat(),
            "ngayHetHanCCCD": person.id_expires_on.isoformat(),
            "thoiDiemTraCuu": datetime.now(UTC).isoformat(),
        }
    )
