"""The indicators, each defined once: its words, its formula (over the summed daily figures and
the few facts read at query time) and its legal source. The README's table is this module.

Sources:
- Decision 766/QĐ-TTg of 23 June 2022 (the index of service to citizens and businesses) and the
  national public service portal's guidance on computing it;
- Decree 42/2022/NĐ-CP (online public services: full and partial online levels);
- Decree 61/2018/NĐ-CP as amended by Decree 107/2021/NĐ-CP (the one-stop shop: on-time settlement,
  apologies, supplements asked once, ratings);
- Circular 01/2023/TT-VPCP (digitization of dossiers and results, reuse of digitized data).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

D766 = "Quyết định 766/QĐ-TTg (2022)"
D42 = "Nghị định 42/2022/NĐ-CP"
D61 = "Nghị định 61/2018/NĐ-CP, sửa đổi bởi Nghị định 107/2021/NĐ-CP"
C01 = "Thông tư 01/2023/TT-VPCP"


def share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class Indicator:
    code: str
    label: Promise
    formula: str
    source: str
    value: Callable[[Mapping], float | int | None]
    kind: str = "rate"  # "rate" (0–1), "count", "average" (1–5), "minutes"


def _g(name):
    return lambda t: t.get(name, 0)


INDICATORS: tuple[Indicator, ...] = (
    # -- received ---------------------------------------------------------------------------------
    Indicator("received", _("Hồ sơ tiếp nhận"), "received", D61, _g("received"), "count"),
    Indicator(
        "received_online", _("Tiếp nhận trực tuyến"), "received_online", D42, _g("received_online"), "count"
    ),
    Indicator(
        "received_counter", _("Tiếp nhận trực tiếp"), "received_counter", D61, _g("received_counter"), "count"
    ),
    Indicator(
        "received_post", _("Tiếp nhận qua bưu chính"), "received_post", D61, _g("received_post"), "count"
    ),
    Indicator(
        "online_rate",
        _("Tỷ lệ hồ sơ trực tuyến"),
        "received_online / received",
        f"{D766}, nhóm dịch vụ công trực tuyến; {D42}",
        lambda t: share(t.get("received_online", 0), t.get("received", 0)),
    ),
    Indicator(
        "full_online_rate",
        _("Tỷ lệ hồ sơ trực tuyến toàn trình"),
        "received_online of full-online procedures / received of full-online procedures",
        f"{D766}; {D42} (Điều 11, dịch vụ công trực tuyến toàn trình)",
        lambda t: share(t.get("full_online_received_online", 0), t.get("full_online_received", 0)),
    ),
    # -- progress -------------------------------------------------------------------------------
    Indicator(
        "settled",
        _("Hồ sơ đã giải quyết"),
        "settled_on_time + settled_late",
        D61,
        lambda t: t.get("settled_on_time", 0) + t.get("settled_late", 0),
        "count",
    ),
    Indicator(
        "settled_on_time",
        _("Giải quyết đúng hạn"),
        "approved or refused by the appointment date",
        D61,
        _g("settled_on_time"),
        "count",
    ),
    Indicator(
        "settled_late",
        _("Giải quyết quá hạn"),
        "approved or refused after the appointment date",
        D61,
        _g("settled_late"),
        "count",
    ),
    Indicator(
        "overdue_open",
        _("Đang giải quyết, quá hạn"),
        "open dossiers past their appointment date now",
        D61,
        _g("overdue_open"),
        "count",
    ),
    Indicator(
        "on_time_rate",
        _("Tỷ lệ giải quyết đúng hạn"),
        "settled_on_time / (settled_on_time + settled_late)",
        f"{D766}, nhóm tiến độ giải quyết; {D61}",
        lambda t: share(t.get("settled_on_time", 0), t.get("settled_on_time", 0) + t.get("settled_late", 0)),
    ),
    Indicator(
        "time_ratio",
        _("Thời gian giải quyết thực tế so với quy định"),
        "used working minutes / legal working minutes (settled dossiers with a legal time)",
        f"{D766}, nhóm tiến độ giải quyết",
        lambda t: share(t.get("used_minutes", 0), t.get("legal_minutes", 0)),
        "ratio",
    ),
    Indicator(
        "apologies",
        _("Phiếu xin lỗi, hẹn lại"),
        "apologies issued",
        f"{D61} (Điều 19)",
        _g("apologies"),
        "count",
    ),
    Indicator(
        "supplement_repeats",
        _("Yêu cầu bổ sung quá một lần"),
        "supplement requests after the first on the same dossier",
        f"{D61} (Điều 9: chỉ yêu cầu bổ sung một lần)",
        _g("supplement_repeats"),
        "count",
    ),
    # -- digitization ---------------------------------------------------------------------------
    Indicator(
        "digitization_rate",
        _("Tỷ lệ số hóa hồ sơ"),
        "settled dossiers whose every document was digitized when settled / settled",
        f"{D766}, nhóm số hóa; {C01}",
        lambda t: share(
            t.get("settled_digitized", 0), t.get("settled_on_time", 0) + t.get("settled_late", 0)
        ),
    ),
    Indicator(
        "electronic_result_rate",
        _("Tỷ lệ cấp kết quả điện tử"),
        "returned with a signed electronic result / returned",
        f"{D766}, nhóm số hóa; {C01}",
        lambda t: share(t.get("returned_electronic", 0), t.get("returned", 0)),
    ),
    Indicator(
        "reuse_rate",
        _("Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa"),
        "settled dossiers with a document reused from the repository / settled",
        f"{D766}, nhóm số hóa; {C01}",
        lambda t: share(t.get("settled_reused", 0), t.get("settled_on_time", 0) + t.get("settled_late", 0)),
    ),
    # -- payment --------------------------------------------------------------------------------
    Indicator(
        "online_payment_rate",
        _("Tỷ lệ thanh toán trực tuyến"),
        "payments confirmed through the online gateway / payments confirmed",
        f"{D766}, nhóm dịch vụ công trực tuyến",
        lambda t: share(t.get("paid_online", 0), t.get("paid", 0)),
    ),
    # -- satisfaction ---------------------------------------------------------------------------
    Indicator(
        "satisfaction",
        _("Mức độ hài lòng (1–5)"),
        "mean score of every rating question answered in the period",
        f"{D766}, nhóm mức độ hài lòng; {D61} (Điều 32)",
        lambda t: share(t.get("score_sum", 0), t.get("score_count", 0)),
        "average",
    ),
    Indicator(
        "feedback_on_time_rate",
        _("Tỷ lệ phản ánh, kiến nghị trả lời đúng hạn"),
        "feedback answered within 10 working days / feedback received",
        f"{D766}, nhóm mức độ hài lòng",
        lambda t: share(t.get("feedback_on_time", 0), t.get("feedback", 0)),
    ),
    # -- disclosure -----------------------------------------------------------------------------
    Indicator(
        "complete_procedures_rate",
        _("Tỷ lệ thủ tục công khai đầy đủ dữ liệu"),
        "active procedures with legal time, documents, fees stated and (if online) an e-form / active",
        f"{D766}, nhóm công khai, minh bạch",
        lambda t: share(t.get("procedures_complete", 0), t.get("procedures", 0)),
    ),
)

BY_CODE = {indicator.code: indicator for indicator in INDICATORS}


def values(totals: Mapping) -> dict[str, float | int | None]:
    """Every indicator's value over ``totals`` (summed daily figures and query-time facts)."""
    return {indicator.code: indicator.value(totals) for indicator in INDICATORS}
