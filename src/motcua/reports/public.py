"""The aggregates as public datasets: what the open data portal publishes and the portal's public
page shows. Non-personal only: counts, rates and scores per month × agency × procedure (and field);
never a dossier, a name or a code of a dossier.

    from motcua.reports.public import datasets
    for dataset in datasets():
        dataset.slug, dataset.title.vi, dataset.title.en, dataset.organisation, dataset.last_updated
        dataset.columns            # [(name, Text(vi, en)), ...]
        dataset.rows(month="2026-11", agency="000.00.12.H30", procedure="1.000123", field="hotich")

``rows`` filters (all optional): ``month`` ("YYYY-MM"), ``start`` / ``end`` (dates or "YYYY-MM-DD"),
``agency`` (agency code), ``procedure`` (procedure code), ``field`` (field code). Unknown codes yield
no rows. Rates are fractions 0–1 (``None`` when there is nothing to divide by).
"""

from __future__ import annotations

import calendar as month_calendar
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Max, Min

from motcua.catalogue.models import Field, Procedure
from motcua.org.models import Agency
from motcua.reports.indicators import values
from motcua.reports.models import AgencyMonthlyFigures, DailyFigures
from motcua.reports.score766 import GROUPS, score
from motcua.reports.selectors import Filters, as_of, figures


@dataclass(frozen=True)
class Text:
    """Words in Vietnamese and English; ``str()`` gives the Vietnamese."""

    vi: str
    en: str

    def __str__(self) -> str:
        return self.vi


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: Text
    description: Text
    organisation: str | None  # the agency code publishing it; None: the province
    last_updated: datetime | None
    columns: list[tuple[str, Text]]
    _rows: Callable[..., Iterator[dict]]

    def rows(self, **filters) -> Iterator[dict]:
        return self._rows(**filters)


RESULT_COLUMNS: list[tuple[str, Text]] = [
    ("month", Text("Tháng", "Month")),
    ("agency_code", Text("Mã cơ quan", "Agency code")),
    ("agency_name", Text("Cơ quan giải quyết", "Competent agency")),
    ("procedure_code", Text("Mã thủ tục", "Procedure code")),
    ("procedure_name", Text("Thủ tục", "Procedure")),
    ("field_code", Text("Mã lĩnh vực", "Field code")),
    ("field_name", Text("Lĩnh vực", "Field")),
    ("submitted", Text("Hồ sơ nộp", "Dossiers submitted")),
    ("received", Text("Hồ sơ tiếp nhận", "Dossiers received")),
    ("received_online", Text("Tiếp nhận trực tuyến", "Received online")),
    ("received_counter", Text("Tiếp nhận trực tiếp", "Received at the counter")),
    ("received_post", Text("Tiếp nhận qua bưu chính", "Received by post")),
    ("online_rate", Text("Tỷ lệ trực tuyến", "Online rate")),
    ("full_online_rate", Text("Tỷ lệ trực tuyến toàn trình", "Full-online rate")),
    ("rejected", Text("Từ chối tiếp nhận", "Rejected")),
    ("settled_on_time", Text("Giải quyết đúng hạn", "Settled on time")),
    ("settled_late", Text("Giải quyết quá hạn", "Settled late")),
    ("on_time_rate", Text("Tỷ lệ đúng hạn", "On-time rate")),
    ("time_ratio", Text("Thời gian thực tế / quy định", "Time used / legal time")),
    ("apologies", Text("Phiếu xin lỗi", "Apologies")),
    ("supplement_repeats", Text("Yêu cầu bổ sung quá một lần", "Supplements asked more than once")),
    ("online_payment_rate", Text("Tỷ lệ thanh toán trực tuyến", "Online payment rate")),
    ("digitization_rate", Text("Tỷ lệ số hóa hồ sơ", "Dossier digitization rate")),
    ("electronic_result_rate", Text("Tỷ lệ kết quả điện tử", "Electronic result rate")),
    ("reuse_rate", Text("Tỷ lệ sử dụng lại dữ liệu số hóa", "Digitized data reuse rate")),
    ("satisfaction", Text("Mức độ hài lòng (1–5)", "Satisfaction (1–5)")),
]
RESULT_FIGURES = [name for name, _label in RESULT_COLUMNS[7:]]

SCORE_COLUMNS: list[tuple[str, Text]] = [
    ("month", Text("Tháng", "Month")),
    ("agency_code", Text("Mã cơ quan", "Agency code")),
    ("agency_name", Text("Cơ quan", "Agency")),
    *[
        (f"points_{group.code}", Text(f"Điểm: {group.label}", f"Points: {group.code} (of {group.points})"))
        for group in GROUPS
    ],
    ("score_766", Text("Điểm Chỉ số 766 (/100)", "Decision 766 score (of 100)")),
    ("received", Text("Hồ sơ tiếp nhận", "Dossiers received")),
    ("on_time_rate", Text("Tỷ lệ đúng hạn", "On-time rate")),
    ("online_rate", Text("Tỷ lệ trực tuyến", "Online rate")),
    ("online_payment_rate", Text("Tỷ lệ thanh toán trực tuyến", "Online payment rate")),
    ("digitization_rate", Text("Tỷ lệ số hóa hồ sơ", "Dossier digitization rate")),
    ("satisfaction", Text("Mức độ hài lòng (1–5)", "Satisfaction (1–5)")),
]


def _date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _period(month=None, start=None, end=None) -> tuple[date, date] | None:
    """The period asked for, or all the figures there are; ``None`` when there are none."""
    if month:
        year, number = (int(part) for part in str(month).split("-"))
        return date(year, number, 1), date(year, number, month_calendar.monthrange(year, number)[1])
    bounds = DailyFigures.objects.aggregate(first=Min("day"), last=Max("day"))
    if bounds["first"] is None:
        return None
    return (_date(start) if start else bounds["first"], _date(end) if end else bounds["last"])


def _filters(
    *,
    month=None,
    start=None,
    end=None,
    agency=None,
    procedure=None,
    field=None,
    only_agency: int | None = None,
) -> Filters | None:
    period = _period(month, start, end)
    if period is None:
        return None
    agency_ids = None
    if only_agency is not None:
        agency_ids = frozenset({only_agency})
    if agency:
        found = set(Agency.objects.filter(code=agency).values_list("id", flat=True))
        agency_ids = frozenset(found if agency_ids is None else found & agency_ids)
        if not agency_ids:
            return None
    procedure_id = field_id = None
    if procedure:
        procedure_id = Procedure.objects.filter(code=procedure).values_list("id", flat=True).first()
        if procedure_id is None:
            return None
    if field:
        field_id = Field.objects.filter(code=field).values_list("id", flat=True).first()
        if field_id is None:
            return None
    return Filters(
        start=period[0], end=period[1], agency_ids=agency_ids, procedure_id=procedure_id, field_id=field_id
    )


def _month(value) -> str:
    return f"{value:%Y-%m}"


def _result_rows(only_agency: int | None = None, **asked) -> Iterator[dict]:
    filters = _filters(**asked, only_agency=only_agency)
    if filters is None:
        return
    groups = figures(filters, group_by=("month", "agency", "procedure"))
    agencies = {a.id: a for a in Agency.objects.filter(id__in={k[1] for k in groups})}
    procedures = {
        p.id: p for p in Procedure.objects.select_related("field").filter(id__in={k[2] for k in groups})
    }
    for month, agency_id, procedure_id in sorted(
        groups, key=lambda k: (k[0], agencies[k[1]].code, procedures[k[2]].code)
    ):
        totals = groups[(month, agency_id, procedure_id)]
        computed = values(totals)
        agency, procedure = agencies[agency_id], procedures[procedure_id]
        row = {
            "month": _month(month),
            "agency_code": agency.code,
            "agency_name": agency.name,
            "procedure_code": procedure.code,
            "procedure_name": procedure.name,
            "field_code": procedure.field.code,
            "field_name": procedure.field.name,
        }
        for name in RESULT_FIGURES:
            value = computed.get(name, totals.get(name, 0))
            row[name] = round(value, 4) if isinstance(value, float) else value
        row["submitted"] = totals.get("submitted", 0)
        row["rejected"] = totals.get("rejected", 0)
        yield row


def _score_rows(**asked) -> Iterator[dict]:
    filters = _filters(**{k: v for k, v in asked.items() if k in ("month", "start", "end", "agency")})
    if filters is None:
        return
    groups = figures(filters, group_by=("month", "agency"))
    # The publicity group reads procedures' data, a state, not a monthly figure: the same every month.
    state = figures(
        Filters(start=filters.start, end=filters.end, agency_ids=filters.agency_ids), group_by=("agency",)
    )
    agencies = {a.id: a for a in Agency.objects.filter(id__in={k[1] for k in groups})}
    for month, agency_id in sorted(groups, key=lambda k: (k[0], agencies[k[1]].code)):
        totals = groups[(month, agency_id)].copy()
        for name in ("procedures", "procedures_complete"):
            totals[name] = state.get((agency_id,), {}).get(name, 0)
        computed, result = values(totals), score(totals)
        agency = agencies[agency_id]
        row = {"month": _month(month), "agency_code": agency.code, "agency_name": agency.name}
        for group in result.groups:
            row[f"points_{group.group.code}"] = group.points
        row["score_766"] = result.total
        row["received"] = totals.get("received", 0)
        for name in (
            "on_time_rate",
            "online_rate",
            "online_payment_rate",
            "digitization_rate",
            "satisfaction",
        ):
            value = computed[name]
            row[name] = round(value, 4) if value is not None else None
        yield row


def datasets() -> list[Dataset]:
    """Every public dataset: the province's results and its Decision 766 scores, and each agency's
    results (organisation = the agency's code)."""
    updated = as_of()
    found = [
        Dataset(
            slug="ket-qua-giai-quyet-tthc",
            title=Text(
                "Kết quả giải quyết thủ tục hành chính theo tháng",
                "Monthly results of handling administrative procedures",
            ),
            description=Text(
                "Số hồ sơ tiếp nhận theo kênh, giải quyết đúng hạn, quá hạn, tỷ lệ trực tuyến, thanh toán "
                "trực tuyến, số hóa và mức độ hài lòng, theo tháng, cơ quan giải quyết và thủ tục. "
                "Số liệu tổng hợp, không có dữ liệu cá nhân.",
                "Dossiers received by channel, settled on time and late, online, online payment and "
                "digitization rates and satisfaction, per month, competent agency and procedure. "
                "Aggregates only, no personal data.",
            ),
            organisation=None,
            last_updated=updated,
            columns=RESULT_COLUMNS,
            _rows=_result_rows,
        ),
        Dataset(
            slug="chi-so-766",
            title=Text(
                "Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg) theo tháng",
                "Monthly index of service to citizens and businesses (Decision 766/QĐ-TTg)",
            ),
            description=Text(
                "Điểm năm nhóm chỉ số và tổng điểm /100 của từng cơ quan theo tháng, tính theo phương pháp "
                "nêu trong tài liệu của hệ thống.",
                "Points of the five groups and the total out of 100 per agency and month, computed as "
                "the system's documentation describes.",
            ),
            organisation=None,
            last_updated=updated,
            columns=SCORE_COLUMNS,
            _rows=_score_rows,
        ),
    ]
    # The agencies with figures, from the agencies' roll-up (a few thousand rows, not every day's).
    with_figures = AgencyMonthlyFigures.objects.values_list("agency_id", flat=True).distinct()
    for agency in Agency.objects.filter(id__in=with_figures).order_by("code"):
        found.append(
            Dataset(
                slug=f"ket-qua-giai-quyet-tthc-{agency.code.lower().replace('.', '-')}",
                title=Text(
                    f"Kết quả giải quyết thủ tục hành chính: {agency.name}",
                    f"Results of handling administrative procedures: {agency.name}",
                ),
                description=Text(
                    f"Như bộ dữ liệu của tỉnh, riêng các hồ sơ do {agency.name} giải quyết.",
                    f"As the province's dataset, for the dossiers {agency.name} settles.",
                ),
                organisation=agency.code,
                last_updated=updated,
                columns=RESULT_COLUMNS,
                _rows=lambda agency_id=agency.id, **asked: _result_rows(only_agency=agency_id, **asked),
            )
        )
    return found
