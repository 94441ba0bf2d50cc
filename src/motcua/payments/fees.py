"""What is due: the procedure's fees from the catalogue (integer đồng), when they are collected,
and what an exemption or reduction takes off."""

from __future__ import annotations

from dataclasses import dataclass, field

from motcua.dossiers.fees import collected_fee, fee_due
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import CLOSED_STATUSES, Status
from motcua.payments.models import Payment, PaymentRule


@dataclass(frozen=True)
class Due:
    """Fees the applicant owes now: ``due_seq`` is the payment request it answers (0: at filing)."""

    items: list[dict] = field(default_factory=list)
    due_seq: int = 0

    @property
    def total(self) -> int:
        return sum(int(item["amount"]) - int(item.get("reduction") or 0) for item in self.items)


def catalogue_items(dossier: Dossier) -> list[dict]:
    return [
        {"name": line.name, "kind": line.kind, "amount": line.amount, "reduction": 0}
        for line in fee_due(dossier.procedure).lines
    ]


def collects_at_filing(procedure) -> bool:
    return PaymentRule.objects.filter(procedure=procedure, collect_at_filing=True).exists()


def due_now(dossier: Dossier) -> Due | None:
    """The fees the applicant should pay now, or None (nothing asked, or already paid)."""
    if dossier.status == Status.AWAITING_PAYMENT:
        event = dossier.events.filter(kind="payment_requested").order_by("-seq").first()
        seq = event.seq if event else 0
        requested = (event.data or {}).get("amount") if event else None
        items = catalogue_items(dossier)
        if requested is not None and int(requested) != sum(item["amount"] for item in items):
            # The official asked for another sum than the catalogue's (a charge computed on the file).
            items = [
                {
                    "name": "Nghĩa vụ tài chính theo thông báo",
                    "kind": "",
                    "amount": int(requested),
                    "reduction": 0,
                }
            ]
        due = Due(items, seq)
    elif dossier.status not in CLOSED_STATUSES and dossier.status != Status.DRAFT:
        if not collects_at_filing(dossier.procedure):
            return None
        due = Due(catalogue_items(dossier), 0)
    else:
        return None
    if due.total <= 0:
        return None
    if Payment.objects.filter(dossier=dossier, due_seq=due.due_seq, status=Payment.Status.PAID).exists():
        return None
    return due


def counter_due(dossier: Dossier) -> Due | None:
    """What the counter may collect now: what is due online, or, for a dossier not closed, the
    catalogue's fees if nothing was paid yet (fees collected when the result is returned)."""
    due = due_now(dossier)
    if due is not None:
        return due
    if dossier.status in (Status.DRAFT, Status.REJECTED, Status.REFUSED, Status.WITHDRAWN):
        return None
    if Payment.objects.filter(dossier=dossier, status=Payment.Status.PAID).exists():
        return None
    if dossier.status == Status.RETURNED and collected_fee(dossier) is not None:
        return None  # collected when the result was handed over (recorded in the ``returned`` event)
    due = Due(catalogue_items(dossier), 0)
    return due if due.total > 0 else None


REDUCTIONS = {"exempt": 100, "half": 50}  # miễn (100 %), giảm 50 %


def with_reduction(due: Due, level: str) -> Due:
    percent = REDUCTIONS.get(level, 0)
    items = [{**item, "reduction": int(item["amount"]) * percent // 100} for item in due.items]
    return Due(items, due.due_seq)
