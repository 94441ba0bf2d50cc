"""The Decision 766/QĐ-TTg score of a unit: five groups of sub-indicators, 100 points.

The group totals are the decision's (publicity and transparency 18, progress and results 20,
digitization 22, online services 22, satisfaction 18). How the points of a group are split between
its sub-indicators, and how a rate becomes points, are this module's assumptions, written down in
the README ("The Decision 766 score"):

- a rate earns its points in proportion (points × rate); the processing-time sub-indicator earns
  all its points when the time used is at most the legal time, and points × legal / used beyond;
- apologies earn points × (apologies / late settlements), all the points when nothing was late;
- satisfaction earns points × (mean − 1) / 4 on the five-point scale;
- a sub-indicator with nothing to measure in the period (no dossier settled, no rating...) is left
  out and its group's other sub-indicators are scaled up to the group's points; a group with
  nothing measurable scores nothing and is flagged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.reports.indicators import BY_CODE, share


@dataclass(frozen=True)
class SubIndicator:
    code: str
    label: Promise
    points: float
    earned_share: Callable[[Mapping], float | None]  # 0–1, None: nothing to measure


@dataclass(frozen=True)
class Group:
    code: str
    label: Promise
    points: int
    parts: tuple[SubIndicator, ...]


def _rate(code: str) -> Callable[[Mapping], float | None]:
    return lambda totals: BY_CODE[code].value(totals)


def _time(totals: Mapping) -> float | None:
    ratio = BY_CODE["time_ratio"].value(totals)
    if ratio is None:
        return None
    return 1.0 if ratio <= 1 else 1 / ratio


def _apologies(totals: Mapping) -> float | None:
    late = totals.get("settled_late", 0)
    settled = late + totals.get("settled_on_time", 0)
    if not settled:
        return None
    return 1.0 if not late else min(1.0, totals.get("apologies", 0) / late)


def _satisfaction(totals: Mapping) -> float | None:
    mean = BY_CODE["satisfaction"].value(totals)
    return None if mean is None else (mean - 1) / 4


def _publicity_rating(totals: Mapping) -> float | None:
    mean = share(totals.get("publicity_score_sum", 0), totals.get("publicity_score_count", 0))
    return None if mean is None else (mean - 1) / 4


GROUPS: tuple[Group, ...] = (
    Group(
        "publicity",
        _("Công khai, minh bạch"),
        18,
        (
            SubIndicator(
                "complete_procedures_rate",
                _("Thủ tục công khai đầy đủ dữ liệu"),
                12,
                _rate("complete_procedures_rate"),
            ),
            SubIndicator("publicity_rating", _("Đánh giá về công khai thông tin"), 6, _publicity_rating),
        ),
    ),
    Group(
        "progress",
        _("Tiến độ, kết quả giải quyết"),
        20,
        (
            SubIndicator("on_time_rate", _("Giải quyết đúng hạn"), 12, _rate("on_time_rate")),
            SubIndicator("time_ratio", _("Thời gian giải quyết so với quy định"), 4, _time),
            SubIndicator("apologies", _("Xin lỗi khi trễ hạn"), 4, _apologies),
        ),
    ),
    Group(
        "digitization",
        _("Số hóa hồ sơ, kết quả"),
        22,
        (
            SubIndicator("digitization_rate", _("Số hóa hồ sơ"), 10, _rate("digitization_rate")),
            SubIndicator(
                "electronic_result_rate", _("Cấp kết quả điện tử"), 8, _rate("electronic_result_rate")
            ),
            SubIndicator("reuse_rate", _("Sử dụng lại dữ liệu số hóa"), 4, _rate("reuse_rate")),
        ),
    ),
    Group(
        "online",
        _("Dịch vụ công trực tuyến"),
        22,
        (
            SubIndicator("online_rate", _("Hồ sơ trực tuyến"), 10, _rate("online_rate")),
            SubIndicator("full_online_rate", _("Hồ sơ trực tuyến toàn trình"), 6, _rate("full_online_rate")),
            SubIndicator("online_payment_rate", _("Thanh toán trực tuyến"), 6, _rate("online_payment_rate")),
        ),
    ),
    Group(
        "satisfaction",
        _("Mức độ hài lòng"),
        18,
        (
            SubIndicator("satisfaction", _("Đánh giá hài lòng"), 14, _satisfaction),
            SubIndicator(
                "feedback_on_time_rate",
                _("Trả lời phản ánh, kiến nghị đúng hạn"),
                4,
                _rate("feedback_on_time_rate"),
            ),
        ),
    ),
)
TOTAL_POINTS = sum(group.points for group in GROUPS)
assert TOTAL_POINTS == 100


@dataclass(frozen=True)
class PartScore:
    part: SubIndicator
    share: float | None
    points: float | None


@dataclass(frozen=True)
class GroupScore:
    group: Group
    parts: tuple[PartScore, ...]
    points: float
    measured: bool


@dataclass(frozen=True)
class Score:
    groups: tuple[GroupScore, ...]

    @property
    def total(self) -> float:
        return round(sum(g.points for g in self.groups), 2)


def score(totals: Mapping) -> Score:
    groups = []
    for group in GROUPS:
        shares = [(part, part.earned_share(totals)) for part in group.parts]
        measured = [(part, s) for part, s in shares if s is not None]
        weight = sum(part.points for part, _ in measured)
        scale = group.points / weight if weight else 0
        parts = tuple(
            PartScore(part, s, None if s is None else round(part.points * scale * min(max(s, 0.0), 1.0), 2))
            for part, s in shares
        )
        groups.append(GroupScore(group, parts, round(sum(p.points or 0 for p in parts), 2), bool(measured)))
    return Score(tuple(groups))
