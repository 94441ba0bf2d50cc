"""Đối soát: the daily statement of fees per agency and channel, expected against received, and the
mismatches a finance officer must look into; exported as CSV and XLSX."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Font

from motcua.core.calendar import LOCAL_TZ
from motcua.dossiers.models import DossierEvent
from motcua.org.models import Agency
from motcua.payments.models import FinanceOfficer, Payment


@dataclass
class Line:
    agency: str
    channel: str
    payments: int = 0
    expected: int = 0  # what the receipts say was due (after exemptions)
    received: int = 0  # money recorded as received
    refunded: int = 0


@dataclass
class Mismatch:
    kind: str  # "paid_no_dossier", "dossier_no_money", "amount_differs"
    label: str
    agency: str
    dossier: str
    reference: str
    amount: int
    detail: str = ""


@dataclass
class Statement:
    day: date
    lines: list[Line] = field(default_factory=list)
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def expected(self) -> int:
        return sum(line.expected for line in self.lines)

    @property
    def received(self) -> int:
        return sum(line.received for line in self.lines)


KINDS = {
    "paid_no_dossier": _("Đã nhận tiền nhưng hồ sơ không ghi nhận"),
    "dossier_no_money": _("Hồ sơ ghi đã nộp nhưng không có khoản thu"),
    "amount_differs": _("Số tiền không khớp"),
}


def agencies_of(user) -> list[Agency]:
    """The agencies whose fees ``user`` reconciles (none unless a finance officer)."""
    officer = FinanceOfficer.objects.filter(official__user=user).first() if user.is_authenticated else None
    return list(officer.agencies.order_by("name")) if officer else []


def _bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=LOCAL_TZ)
    return start, start + timedelta(days=1)


def daily_statement(*, day: date, agencies: list[Agency]) -> Statement:
    start, end = _bounds(day)
    ids = [a.pk for a in agencies]
    statement = Statement(day)
    lines: dict[tuple[int, str], Line] = {}
    paid = (
        Payment.objects.filter(agency_id__in=ids, paid_at__gte=start, paid_at__lt=end)
        .filter(status__in=[Payment.Status.PAID, Payment.Status.REFUNDED])
        .select_related("agency", "dossier")
        .order_by("agency__name", "channel", "paid_at")
    )
    confirmed = defaultdict(list)  # dossier id → payment_confirmed events of the day
    for event in DossierEvent.objects.filter(
        kind="payment_confirmed", at__gte=start, at__lt=end, dossier__receiving_agency_id__in=ids
    ).select_related("dossier", "dossier__receiving_agency"):
        confirmed[event.dossier_id].append(event)
    for payment in paid:
        line = lines.setdefault(
            (payment.agency_id, payment.channel), Line(payment.agency.name, payment.get_channel_display())
        )
        line.payments += 1
        line.expected += payment.gross - payment.reduction
        line.received += payment.amount
        if payment.status == Payment.Status.REFUNDED:
            line.refunded += payment.amount
        code = payment.dossier.code or str(payment.dossier.uuid)
        events = confirmed.get(payment.dossier_id, [])
        matching = [e for e in events if payment.receipt_number and payment.receipt_number in (e.note or "")]
        if payment.amount and not matching and payment.status != Payment.Status.REFUNDED:
            statement.mismatches.append(
                Mismatch(
                    "paid_no_dossier",
                    KINDS["paid_no_dossier"],
                    payment.agency.name,
                    code,
                    payment.receipt_number or payment.txn_ref,
                    payment.amount,
                    getattr(getattr(payment, "refund", None), "reason", "") or "",
                )
            )
        for event in matching:
            noted = int((event.data or {}).get("amount") or 0)
            if noted != payment.amount:
                statement.mismatches.append(
                    Mismatch(
                        "amount_differs",
                        KINDS["amount_differs"],
                        payment.agency.name,
                        code,
                        payment.receipt_number,
                        payment.amount,
                        f"hồ sơ ghi {noted}",
                    )
                )
        if payment.gross - payment.reduction != payment.amount:
            statement.mismatches.append(
                Mismatch(
                    "amount_differs",
                    KINDS["amount_differs"],
                    payment.agency.name,
                    code,
                    payment.receipt_number,
                    payment.amount,
                    f"phải thu {payment.gross - payment.reduction}",
                )
            )
    receipts = set(paid.values_list("receipt_number", flat=True)) | set(
        Payment.objects.filter(agency_id__in=ids, status=Payment.Status.PAID)
        .filter(Q(paid_at__lt=start) | Q(paid_at__gte=end))
        .filter(dossier_id__in=list(confirmed))
        .values_list("receipt_number", flat=True)
    )
    for events in confirmed.values():
        for event in events:
            if not any(number and number in (event.note or "") for number in receipts):
                dossier = event.dossier
                statement.mismatches.append(
                    Mismatch(
                        "dossier_no_money",
                        KINDS["dossier_no_money"],
                        dossier.receiving_agency.name,
                        dossier.code or str(dossier.uuid),
                        event.note or "",
                        int((event.data or {}).get("amount") or 0),
                        event.actor_name,
                    )
                )
    statement.lines = list(lines.values())
    return statement


HEADER = ["Đơn vị", "Hình thức", "Số khoản", "Phải thu (đồng)", "Đã nhận (đồng)", "Đã hoàn (đồng)"]
MISMATCH_HEADER = ["Loại chênh lệch", "Đơn vị", "Hồ sơ", "Biên lai / giao dịch", "Số tiền (đồng)", "Ghi chú"]


def _rows(statement: Statement):
    yield [f"Bảng đối soát phí, lệ phí ngày {statement.day:%d/%m/%Y}"]
    yield HEADER
    for line in statement.lines:
        yield [line.agency, line.channel, line.payments, line.expected, line.received, line.refunded]
    yield [
        "Tổng cộng",
        "",
        sum(x.payments for x in statement.lines),
        statement.expected,
        statement.received,
        sum(x.refunded for x in statement.lines),
    ]
    yield []
    yield MISMATCH_HEADER
    for m in statement.mismatches:
        yield [str(m.label), m.agency, m.dossier, m.reference, m.amount, m.detail]


def as_csv(statement: Statement) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in _rows(statement):
        writer.writerow(row)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def as_xlsx(statement: Statement) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = f"{statement.day:%Y-%m-%d}"
    for row in _rows(statement):
        sheet.append(row)
        if row in (HEADER, MISMATCH_HEADER) or (row and str(row[0]).startswith(("Bảng", "Tổng"))):
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    for column in ("D", "E", "F"):
        for cell in sheet[column]:
            if isinstance(cell.value, int):
                cell.number_format = "#,##0"
    sheet.column_dimensions["A"].width = 42
    sheet.column_dimensions["B"].width = 24
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
