"""The catalogue's datasets: procedures, fields, fees, documents to bring, receiving agencies.

The same data the portal's procedure pages show, as tables anyone may download and reuse.
Nothing here is personal: agencies' addresses, hotlines and e-mail are their public contacts.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.catalogue import published
from motcua.opendata.datasets import Column, Dataset
from motcua.org.selectors import active_agencies

GROUP = "catalogue"
TAGS = ("thu-tuc-hanh-chinh", "danh-muc")


def _procedure_rows():
    for row in published.procedure_rows():
        amount = row["processing_time_amount"]
        yield {
            "code": row["code"],
            "name": row["name"],
            "field_code": row["field__code"],
            "field_name": row["field__name"],
            "levels": ";".join(row["levels"]),
            "online_level": row["online_level"],
            "processing_time": float(amount) if amount is not None else None,
            "processing_time_unit": row["processing_time_unit"],
            "total_fee": row["total_fee"],
            "agencies": ";".join(row["agencies"]),
            "decision_number": row["decision_number"],
            "competent_authority": row["competent_authority"],
            "source_url": row["source_url"],
            "updated_at": row["updated_at"],
        }


def _field_rows():
    for field in published.fields_with_counts():
        yield {"code": field.code, "name": field.name, "procedures": field.procedure_count}


def _agency_rows():
    counts = published.procedure_counts_by_agency()
    for agency in active_agencies().select_related("parent", "unit").order_by("code"):
        yield {
            "code": agency.code,
            "name": agency.name,
            "short_name": agency.short_name,
            "kind": agency.kind,
            "parent_code": agency.parent.code if agency.parent_id else "",
            "unit_code": agency.unit.code,
            "unit_name": agency.unit.name,
            "address": agency.address,
            "opening_hours": agency.opening_hours,
            "hotline": agency.hotline,
            "phone": agency.phone,
            "email": agency.email,
            "procedures": counts.get(agency.id, 0),
        }


def datasets() -> list[Dataset]:
    """The catalogue's five datasets, with the time the catalogue last changed (one query)."""
    changed = published.last_changed()

    def dataset(**kwargs) -> Dataset:
        return Dataset(group=GROUP, last_updated=changed, frequency="continuous", **kwargs)

    return [
        dataset(
            slug="thu-tuc-hanh-chinh",
            title=_("Danh mục thủ tục hành chính"),
            description=_(
                "Các thủ tục hành chính đang áp dụng trong tỉnh: mã, tên, lĩnh vực, cấp thực hiện, "
                "mức độ trực tuyến, thời hạn giải quyết, tổng phí và lệ phí, cơ quan tiếp nhận, "
                "quyết định công bố."
            ),
            tags=(*TAGS, "dich-vu-cong"),
            columns=(
                Column("code", _("Mã thủ tục")),
                Column("name", _("Tên thủ tục")),
                Column("field_code", _("Mã lĩnh vực")),
                Column("field_name", _("Lĩnh vực")),
                Column("levels", _("Cấp thực hiện (mã, cách nhau bởi ;)")),
                Column("online_level", _("Mức độ trực tuyến (full, partial, offline)")),
                Column("processing_time", _("Thời hạn giải quyết"), "number"),
                Column("processing_time_unit", _("Đơn vị thời hạn")),
                Column("total_fee", _("Tổng phí, lệ phí (đồng)"), "integer"),
                Column("agencies", _("Cơ quan tiếp nhận (mã định danh, cách nhau bởi ;)")),
                Column("decision_number", _("Quyết định công bố")),
                Column("competent_authority", _("Cơ quan có thẩm quyền")),
                Column("source_url", _("Trang trên Cổng Dịch vụ công quốc gia")),
                Column("updated_at", _("Cập nhật lúc"), "datetime"),
            ),
            rows=_procedure_rows,
        ),
        dataset(
            slug="linh-vuc-thu-tuc",
            title=_("Lĩnh vực thủ tục hành chính"),
            description=_("Các lĩnh vực của danh mục thủ tục và số thủ tục đang áp dụng trong mỗi lĩnh vực."),
            tags=TAGS,
            columns=(
                Column("code", _("Mã lĩnh vực")),
                Column("name", _("Tên lĩnh vực")),
                Column("procedures", _("Số thủ tục đang áp dụng"), "integer"),
            ),
            rows=_field_rows,
        ),
        dataset(
            slug="phi-le-phi",
            title=_("Phí, lệ phí thủ tục hành chính"),
            description=_("Từng khoản phí, lệ phí của mỗi thủ tục, bằng đồng (0 là miễn phí)."),
            tags=(*TAGS, "phi-le-phi"),
            columns=(
                Column("procedure_code", _("Mã thủ tục")),
                Column("procedure_name", _("Tên thủ tục")),
                Column("kind", _("Loại (fee: phí, charge: lệ phí)")),
                Column("name", _("Tên khoản thu")),
                Column("amount", _("Số tiền (đồng)"), "integer"),
                Column("note", _("Ghi chú")),
            ),
            rows=published.fee_rows,
        ),
        dataset(
            slug="thanh-phan-ho-so",
            title=_("Thành phần hồ sơ của thủ tục hành chính"),
            description=_(
                "Giấy tờ người dân, doanh nghiệp phải nộp cho mỗi thủ tục: số bản chính, bản sao, "
                "bắt buộc hay không, mẫu đơn, tờ khai."
            ),
            tags=(*TAGS, "thanh-phan-ho-so"),
            columns=(
                Column("procedure_code", _("Mã thủ tục")),
                Column("order", _("Thứ tự"), "integer"),
                Column("name", _("Tên giấy tờ")),
                Column("originals", _("Số bản chính"), "integer"),
                Column("copies", _("Số bản sao"), "integer"),
                Column("mandatory", _("Bắt buộc"), "boolean"),
                Column("form_name", _("Mẫu đơn, tờ khai")),
            ),
            rows=published.document_rows,
        ),
        dataset(
            slug="co-quan-tiep-nhan",
            title=_("Cơ quan tiếp nhận hồ sơ"),
            description=_(
                "Các cơ quan, đơn vị tiếp nhận và giải quyết thủ tục hành chính trong tỉnh: mã định danh "
                "điện tử, địa chỉ tiếp nhận, giờ làm việc, đường dây nóng và số thủ tục tiếp nhận."
            ),
            tags=(*TAGS, "co-quan"),
            columns=(
                Column("code", _("Mã định danh điện tử")),
                Column("name", _("Tên cơ quan")),
                Column("short_name", _("Tên viết tắt")),
                Column("kind", _("Loại cơ quan")),
                Column("parent_code", _("Mã cơ quan cấp trên")),
                Column("unit_code", _("Mã đơn vị hành chính")),
                Column("unit_name", _("Đơn vị hành chính")),
                Column("address", _("Địa chỉ tiếp nhận")),
                Column("opening_hours", _("Thời gian tiếp nhận")),
                Column("hotline", _("Đường dây nóng")),
                Column("phone", _("Điện thoại")),
                Column("email", _("Thư điện tử")),
                Column("procedures", _("Số thủ tục tiếp nhận"), "integer"),
            ),
            rows=_agency_rows,
        ),
    ]
