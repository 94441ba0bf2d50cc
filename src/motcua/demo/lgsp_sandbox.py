"""The LGSP services' sandbox, served by motcua under ``/sandbox/lgsp/`` when ``MOTCUA_OIDC_SANDBOX=1``:
the protocols of ``docs/lgsp-population.yaml`` over the demo residents (``demo.population``) and of
``docs/lgsp-business.yaml`` over the demo enterprises (``demo.businesses``) and of
``docs/lgsp-land.yaml`` over the demo parcels (``demo.land``), so the prefill flows run on one machine."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from django.conf import settings
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET

from motcua.accounts.national_data import sandbox_token
from motcua.demo.businesses import enterprise
from motcua.demo.land import parcels_of
from motcua.demo.population import resident


def _error(code: str, message: str, status: int):
    return JsonResponse({"maLoi": code, "thongBao": message}, status=status)


def _refused(request):
    """The platform's checks before any record is read: the token, the purpose, the consent."""
    if not settings.OIDC_SANDBOX:
        raise Http404
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not secrets.compare_digest(header.removeprefix("Bearer "), sandbox_token()):
        return _error("SAI_KHOA", "Khóa truy cập không đúng.", 401)
    if not request.headers.get("X-Muc-Dich") or not request.headers.get("X-Dong-Y"):
        return _error("THIEU_THAM_SO", "Thiếu mục đích (X-Muc-Dich) hoặc thời điểm đồng ý (X-Dong-Y).", 400)
    return None


@require_GET
def business(request, code: str):
    refused = _refused(request)
    if refused is not None:
        return refused
    if not (code.isdigit() and len(code) in (10, 13)):
        return _error(
            "THIEU_THAM_SO", "Mã số doanh nghiệp gồm 10 chữ số (hoặc 13 với đơn vị phụ thuộc).", 400
        )
    found = enterprise(code)
    if found is None:
        return _error("KHONG_TIM_THAY", "Không có doanh nghiệp với mã số này.", 404)
    return JsonResponse(
        {
            "maSoDoanhNghiep": found.code,
            "tenDoanhNghiep": found.name,
            "loaiHinh": found.kind,
            "diaChiTruSo": found.head_office,
            "nguoiDaiDienPhapLuat": {"hoVaTen": found.representative, "chucDanh": found.representative_title},
            "ngayDangKyLanDau": found.registered_on.isoformat(),
            "tinhTrang": found.status,
            "thoiDiemTraCuu": datetime.now(UTC).isoformat(),
        }
    )


@require_GET
def parcels(request):
    """The parcels the person with ``soDinhDanh`` holds rights on, never anybody else's: a certificate
    number (``soPhatHanhGCN``) of a parcel they do not hold is answered as not found."""
    refused = _refused(request)
    if refused is not None:
        return refused
    personal_id = request.GET.get("soDinhDanh", "")
    certificate = request.GET.get("soPhatHanhGCN", "")
    if not (personal_id.isdigit() and len(personal_id) == 12):
        return _error("THIEU_THAM_SO", "Số định danh phải gồm 12 chữ số.", 400)
    if len(certificate) > 20:
        return _error("THIEU_THAM_SO", "Số phát hành Giấy chứng nhận quá dài.", 400)
    found = parcels_of(personal_id, certificate)
    if not found:
        return _error(
            "KHONG_TIM_THAY", "Không có thửa đất nào người này có quyền sử dụng khớp với yêu cầu.", 404
        )
    return JsonResponse(
        {
            "danhSach": [
                {
                    "soPhatHanhGCN": p.certificate,
                    "soVaoSo": p.register_number,
                    "ngayCapGCN": p.issued_on.isoformat(),
                    "toBanDoSo": p.sheet,
                    "thuaDatSo": p.number,
                    "diaChi": p.address,
                    "dienTich": p.area,
                    "mucDichSuDung": p.purpose,
                    "thoiHanSuDung": p.term,
                    "hinhThucSuDung": p.use_form,
                    "nguoiSuDung": [{"hoVaTen": name, "soDinhDanh": number} for name, number in p.holders],
                }
                for p in found
            ],
            "thoiDiemTraCuu": datetime.now(UTC).isoformat(),
        }
    )


@require_GET
def citizen(request, personal_id: str):
    refused = _refused(request)
    if refused is not None:
        return refused
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
