"""Read queries of payments: what a dossier page shows, receipts, figures for reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from motcua.dossiers.models import Dossier
from motcua.payments.fees import Due, counter_due, due_now
from motcua.payments.gateways import online_payment_offered
from motcua.payments.models import Channel, Payment


@dataclass
class Panel:
    due: Due | None
    payments: list[Payment]
    online: bool = True  # the gateway is configured: the pay button is shown
    collect: Due | None = None  # at the counter: what may still be collected there (``counter_panel_for``)

    @property
    def paid(self) -> list[Payment]:
        return [p for p in self.payments if p.status in (Payment.Status.PAID, Payment.Status.REFUNDED)]

    @property
    def settled(self) -> list[Payment]:
        """The payments that settled a fee (a refunded duplicate is not among them)."""
        return [p for p in self.payments if p.status == Payment.Status.PAID]

    @property
    def settled_total(self) -> int:
        return sum(p.amount for p in self.settled)

    @property
    def settled_receipts(self) -> str:
        return ", ".join(p.receipt_number for p in self.settled if p.receipt_number)

    @property
    def waiting(self) -> Payment | None:
        return next((p for p in self.payments if p.status == Payment.Status.PENDING), None)


def panel_for(dossier: Dossier) -> Panel:
    """Phí, lệ phí on a dossier's page: what is due now, and every payment made or tried, except an
    order still open at the gateway for a fee another payment has already settled (an abandoned first
    try must not read "Chờ thanh toán" as if the fee were still owed; should it be paid after all, it
    is refunded and shown again as paid)."""
    payments = list(dossier.payments.select_related("refund").order_by("-created_at"))
    settled = {p.due_seq for p in payments if p.status in (Payment.Status.PAID, Payment.Status.REFUNDED)}
    payments = [p for p in payments if not (p.status == Payment.Status.PENDING and p.due_seq in settled)]
    return Panel(due_now(dossier), payments, online_payment_offered())


def counter_panel_for(dossier: Dossier) -> Panel:
    """The fees panel of the counter's dossier page: the payments, and what the counter may still
    collect. Once the fee is paid (online, at the fee page, or when the result was returned) there is
    nothing to collect: the panel says what was paid and offers no second collection."""
    panel = panel_for(dossier)
    panel.collect = counter_due(dossier)
    return panel


def paid_for(dossier: Dossier) -> list[Payment]:
    """The payments that settled the dossier's fees (online, or at the counter before the return):
    nothing more is collected when the result is returned."""
    return list(dossier.payments.filter(status=Payment.Status.PAID).order_by("paid_at", "pk"))


def payment_by_ref(txn_ref: str) -> Payment | None:
    return Payment.objects.select_related("dossier", "agency").filter(txn_ref=txn_ref).first()


def receipt_by_token(token: str) -> Payment | None:
    return (
        Payment.objects.select_related("dossier", "agency")
        .filter(receipt_token=token, status__in=[Payment.Status.PAID, Payment.Status.REFUNDED])
        .first()
    )


def online_share(*, start: date, end: date, agency_ids: list[int] | None = None) -> list[dict]:
    """Share of paid dossiers paid online, by agency, between two local dates (inclusive): for reports.

    Each row: agency id and name, dossiers paid, dossiers paid online, share (0–1)."""
    payments = Payment.objects.filter(
        status=Payment.Status.PAID, paid_at__date__gte=start, paid_at__date__lte=end
    )
    if agency_ids is not None:
        payments = payments.filter(agency_id__in=agency_ids)
    rows = (
        payments.values("agency_id", "agency__name")
        .annotate(
            paid=Count("dossier", distinct=True),
            online=Count("dossier", filter=Q(channel=Channel.ONLINE), distinct=True),
        )
        .order_by("agency__name")
    )
    return [
        {
            "agency_id": row["agency_id"],
            "agency": row["agency__name"],
            "paid": row["paid"],
            "online": row["online"],
            "share": row["online"] / row["paid"] if row["paid"] else 0.0,
        }
        for row in rows
    ]


def receipts_of(user) -> list[Payment]:
    """Biên lai of the applicant's payments: kept in their data repository (Kho dữ liệu)."""
    return list(
        Payment.objects.select_related("dossier", "agency")
        .filter(dossier__applicant=user, status__in=[Payment.Status.PAID, Payment.Status.REFUNDED])
        .order_by("-paid_at")
    )
