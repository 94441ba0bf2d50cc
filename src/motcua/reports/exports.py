"""The dashboard's files: its table as CSV and XLSX, the periodic report on the handling of
administrative procedures, and the dossier ledger (form 06) per counter as XLSX and PDF."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import datetime, time, timedelta

from django.shortcuts import render
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from motcua.audit.services import record_dossier_list
from motcua.catalogue.models import Field, Procedure
from motcua.core.calendar import LOCAL_TZ
from motcua.core.downloads import download_response
from motcua.core.errors import NotFound
from motcua.core.pdf import render_pdf
from motcua.dossiers.selectors import ledger_entries, open_at_counts
from motcua.org.access import backoffice_required
from motcua.org.models import Counter
from motcua.reports.backoffice import not_for_you, query, reach, selection_of
from motcua.reports.dashboard import BREAKDOWN, board, indicator_label
from motcua.reports.indicators import BY_CODE
from motcua.reports.selectors import figures

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _stem(selection) -> str:
    return f"chi-so-{selection.period.start:%Y%m%d}-{selection.period.end:%Y%m%d}"


def _selection(request):
    agency_ids = reach(request)
    if not agency_ids:
        return None
    return selection_of(request, agency_ids)[1]


def _table(found) -> tuple[list[str], list[list]]:
    """The dashboard's table: one row per unit or procedure shown, then the total."""
    header = [_("Mã"), _("Tên"), *[indicator_label(code) for code in BREAKDOWN]]
    rows = [[row.code, row.name, *[_raw(code, row.values[code]) for code in BREAKDOWN]] for row in found.rows]
    rows.append(["", _("Tổng"), *[_raw(code, found.values[code]) for code in BREAKDOWN]])
    return header, rows


def _raw(code: str, value):
    """A value for a file: rates as fractions rounded to 4 places (a spreadsheet formats them)."""
    if isinstance(value, float):
        return round(value, 4)
    return value


@backoffice_required
def dashboard_csv(request):
    selection = _selection(request)
    if selection is None:
        return not_for_you(request)
    header, rows = _table(board(selection))
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 with a byte-order mark as UTF-8 (Vietnamese letters intact)
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return download_response(
        out.getvalue().encode("utf-8"),
        filename=f"{_stem(selection)}.csv",
        content_type="text/csv; charset=utf-8",
    )


def _bold_header(sheet) -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _workbook_bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@backoffice_required
def dashboard_xlsx(request):
    selection = _selection(request)
    if selection is None:
        return not_for_you(request)
    found = board(selection)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Chỉ số")
    sheet.append([_("Chỉ số"), _("Giá trị"), _("Công thức"), _("Căn cứ")])
    for code, value in found.values.items():
        indicator = BY_CODE[code]
        sheet.append([str(indicator.label), _raw(code, value), indicator.formula, indicator.source])
    sheet.append([])
    sheet.append([_("Kỳ"), selection.period.label()])
    sheet.append([_("Đơn vị"), selection.agency.name if selection.agency else _("Tất cả đơn vị được xem")])
    _bold_header(sheet)
    header, rows = _table(found)
    table = book.create_sheet(_("Theo đơn vị") if selection.breakdown_by == "agency" else _("Theo thủ tục"))
    table.append(header)
    for row in rows:
        table.append(row)
    _bold_header(table)
    scores = book.create_sheet(_("Điểm 766"))
    scores.append([_("Nhóm"), _("Chỉ số thành phần"), _("Tỷ lệ đạt"), _("Điểm"), _("Tối đa")])
    for group in found.score.groups:
        scores.append([str(group.group.label), "", None, group.points, group.group.points])
        for part in group.parts:
            scores.append(["", str(part.part.label), part.share, part.points, part.part.points])
    scores.append([_("Tổng"), "", None, found.score.total, 100])
    _bold_header(scores)
    trend = book.create_sheet(_("Theo tháng"))
    trend.append([_("Tháng"), *[indicator_label(code) for code in BREAKDOWN]])
    for month, values in found.trend:
        trend.append([f"{month:%m/%Y}", *[_raw(code, values[code]) for code in BREAKDOWN]])
    _bold_header(trend)
    return download_response(_workbook_bytes(book), filename=f"{_stem(selection)}.xlsx", content_type=XLSX)


def _local_start(day) -> datetime:
    return datetime.combine(day, time.min, LOCAL_TZ)


# The periodic report's columns (Government Office's form on the situation and results of handling
# administrative procedures at the agencies that handle them; see the README for the source).
PERIODIC_HEADER = (
    ("STT", "No."),
    ("Lĩnh vực giải quyết", "Field"),
    ("Tổng số hồ sơ nhận giải quyết", "Dossiers to settle, total"),
    ("Trong kỳ: trực tuyến", "Received in the period: online"),
    ("Trong kỳ: trực tiếp", "Received in the period: at the counter"),
    ("Trong kỳ: dịch vụ bưu chính", "Received in the period: by post"),
    ("Từ kỳ trước", "Carried over from the previous period"),
    ("Đã giải quyết: tổng số", "Settled: total"),
    ("Đã giải quyết: trước hạn", "Settled: early"),
    ("Đã giải quyết: đúng hạn", "Settled: on the day due"),
    ("Đã giải quyết: quá hạn", "Settled: late"),
    ("Đang giải quyết: tổng số", "Being settled at the end: total"),
    ("Đang giải quyết: trong hạn", "Being settled: within time"),
    ("Đang giải quyết: quá hạn", "Being settled: overdue"),
)


def periodic_rows(selection) -> list[list]:
    """One row per field (lĩnh vực), then the total: received in the period by channel, carried
    over, settled early / on the day / late, and still being settled at the end (within time,
    overdue)."""
    filters = selection.filters()
    by_field = figures(filters, group_by=("field",))
    end_instant = _local_start(selection.period.end + timedelta(days=1))
    carried = open_at_counts(agency_ids=selection.agency_ids, at=_local_start(selection.period.start))
    still = open_at_counts(agency_ids=selection.agency_ids, at=end_instant)
    procedure_ids = {r["procedure_id"] for r in carried + still}
    procedures = dict(Procedure.objects.filter(id__in=procedure_ids).values_list("id", "field_id"))

    def wanted(procedure_id) -> bool:
        if selection.procedure and procedure_id != selection.procedure.id:
            return False
        return not (selection.field_id and procedures.get(procedure_id) != selection.field_id)

    stock: dict[int, dict] = defaultdict(lambda: {"carried": 0, "open_in_time": 0, "open_overdue": 0})
    for r in carried:
        if wanted(r["procedure_id"]):
            stock[procedures[r["procedure_id"]]]["carried"] += r["count"]
    for r in still:
        if wanted(r["procedure_id"]):
            stock[procedures[r["procedure_id"]]]["open_overdue" if r["overdue"] else "open_in_time"] += r[
                "count"
            ]
    field_ids = {k[0] for k in by_field} | set(stock)
    names = dict(Field.objects.filter(id__in=field_ids).values_list("id", "name"))
    rows, total = [], [0] * 12
    for number, field_id in enumerate(sorted(field_ids, key=lambda f: names.get(f, "")), start=1):
        t, s = by_field.get((field_id,), {}), stock[field_id]
        received = t.get("received", 0)
        settled = t.get("settled_on_time", 0) + t.get("settled_late", 0)
        early = t.get("settled_early", 0)
        figures_row = [
            received + s["carried"],
            t.get("received_online", 0),
            t.get("received_counter", 0),
            t.get("received_post", 0),
            s["carried"],
            settled,
            early,
            t.get("settled_on_time", 0) - early,
            t.get("settled_late", 0),
            s["open_in_time"] + s["open_overdue"],
            s["open_in_time"],
            s["open_overdue"],
        ]
        total = [a + b for a, b in zip(total, figures_row, strict=True)]
        rows.append([number, names.get(field_id, ""), *figures_row])
    rows.append(["", _("Tổng cộng"), *total])
    return rows


@backoffice_required
def periodic_report(request):
    selection = _selection(request)
    if selection is None:
        return not_for_you(request)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Báo cáo")
    scope = selection.agency.name if selection.agency else _("Các đơn vị được xem")
    sheet.append([_("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH")])
    sheet.append(
        [
            _("Kỳ báo cáo: %(period)s (từ %(start)s đến %(end)s)")
            % {
                "period": selection.period.label(),
                "start": f"{selection.period.start:%d/%m/%Y}",
                "end": f"{selection.period.end:%d/%m/%Y}",
            }
        ]
    )
    sheet.append([_("Đơn vị báo cáo: %(unit)s") % {"unit": scope}])
    sheet.append([_("Đơn vị tính: hồ sơ")])
    sheet.append([vi for vi, _en in PERIODIC_HEADER])
    for cell in sheet[1] + sheet[5]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in periodic_rows(selection):
        sheet.append(row)
    sheet.column_dimensions["B"].width = 40
    return download_response(
        _workbook_bytes(book), filename=f"bao-cao-giai-quyet-tthc-{_stem(selection)}.xlsx", content_type=XLSX
    )


# -- the dossier ledger (form 06) ----------------------------------------------------------------


def _counters(selection):
    return (
        Counter.objects.filter(agency_id__in=selection.reach)
        .select_related("agency")
        .prefetch_related("serves")
        .order_by("agency__name", "number")
    )


@backoffice_required
def ledgers(request):
    """The counters whose ledger the official may download, for the period chosen."""
    selection = _selection(request)
    if selection is None:
        return not_for_you(request)
    return render(
        request,
        "reports/ledgers.html",
        {"selection": selection, "counters": _counters(selection), "query": query(request)},
    )


LEDGER_HEADER = (
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Số lượng hồ sơ (bộ)",
    "Tên tổ chức, cá nhân",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Nhận hồ sơ (ngày, tháng, năm)",
    "Hẹn trả kết quả (ngày, tháng, năm)",
    "Chuyển hồ sơ đến cơ quan giải quyết (ngày, tháng, năm)",
    "Nhận kết quả từ cơ quan giải quyết (ngày, tháng, năm)",
    "Trả kết quả cho tổ chức, cá nhân (ngày, tháng, năm)",
    "Ký nhận",
    "Ghi chú",
)


def _day(value) -> str:
    return value.astimezone(LOCAL_TZ).strftime("%d/%m/%Y") if value else ""


def ledger_rows(counter, selection) -> list[list]:
    served = {counter.agency_id, *(a.id for a in counter.serves.all())}
    entries = ledger_entries(
        receiving_agency_ids=served & set(selection.reach),
        start=selection.period.start,
        end=selection.period.end,
    )
    rows = []
    for number, d in enumerate(entries, start=1):
        contact = ", ".join(part for part in (d.applicant_address, d.applicant_phone) if part)
        note = "" if d.status == "returned" else str(d.get_status_display())
        rows.append(
            [
                number,
                d.code,
                d.procedure.name,
                1,
                d.applicant_name,
                contact,
                d.competent_agency.name,
                _day(d.received_at),
                _day(d.due_at),
                _day(d.handed_over_at),
                _day(d.finished_at),
                _day(d.returned_at),
                "",
                note,
            ]
        )
    return rows


@backoffice_required
def ledger(request, counter_id: int, kind: str):
    selection = _selection(request)
    if selection is None:
        return not_for_you(request)
    counter = _counters(selection).filter(pk=counter_id).first()
    if counter is None or kind not in ("xlsx", "pdf"):
        raise NotFound()
    rows = ledger_rows(counter, selection)
    record_dossier_list(user=request.user, codes=[row[1] for row in rows], what="ledger-06")
    stem = f"so-theo-doi-ho-so-quay-{counter.number}-{selection.period.start:%Y%m%d}-{selection.period.end:%Y%m%d}"
    title = _("SỔ THEO DÕI HỒ SƠ")
    if kind == "pdf":
        pdf = render_pdf(
            "reports/ledger_pdf.html",
            {
                "title": title,
                "counter": counter,
                "selection": selection,
                "header": LEDGER_HEADER,
                "rows": rows,
            },
        )
        return download_response(pdf, filename=f"{stem}.pdf", content_type="application/pdf")
    book = Workbook()
    sheet = book.active
    sheet.title = _("Sổ theo dõi")
    sheet.append([_("Mẫu số 06 (Thông tư 01/2018/TT-VPCP)")])
    sheet.append([title])
    sheet.append([f"{counter.agency.name} — {counter}"])
    sheet.append(
        [
            _("Từ ngày %(start)s đến ngày %(end)s")
            % {"start": f"{selection.period.start:%d/%m/%Y}", "end": f"{selection.period.end:%d/%m/%Y}"}
        ]
    )
    sheet.append(list(LEDGER_HEADER))
    for cell in sheet[2] + sheet[5]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(row)
    return download_response(_workbook_bytes(book), filename=f"{stem}.xlsx", content_type=XLSX)
